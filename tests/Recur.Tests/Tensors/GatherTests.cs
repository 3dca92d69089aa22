using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class GatherTests
{
    [Fact]
    public void Gather_LooksUpEmbeddingRows()
    {
        var table = new Tensor(new float[,] { { 0, 1 }, { 10, 11 }, { 20, 21 } });
        var ids = new Tensor(new float[,] { { 2, 0 }, { 1, 2 } });
        var y = Ops.Gather(table, ids);
        Assert.Equal([2, 2, 2], y.Shape);
        Assert.Equal([20f, 21f, 0f, 1f, 10f, 11f, 20f, 21f], y.ToArray());
    }

    [Fact]
    public void Gather_AlongInnerAxisAndWithScalarIndex()
    {
        var table = new Tensor(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);
        var y = Ops.Gather(table, new Tensor([2f, 0f]), axis: 1);
        Assert.Equal([2, 2, 4], y.Shape);
        Assert.Equal([8f, 9f, 10f, 11f, 0f, 1f, 2f, 3f, 20f, 21f, 22f, 23f, 12f, 13f, 14f, 15f], y.ToArray());
        var last = Ops.Gather(table, Tensor.Scalar(3f), axis: -1);
        Assert.Equal([2, 3], last.Shape);
        Assert.Equal([3f, 7f, 11f, 15f, 19f, 23f], last.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Gather_MatchesFiniteDifferences(int axis)
    {
        // Repeated indices: the backward must scatter-add.
        var ids = new Tensor(new float[,] { { 1, 0, 1 }, { 2, 1, 1 } });
        GradCheck.Assert(t => Ops.Gather(t[0], ids, axis), [GradCheck.Random([3, 3, 3], 41)]);
    }

    [Fact]
    public void Gather_ScatterAddsRepeatedIndices()
    {
        var table = Tensor.Zeros(4, 2);
        table.RequiresGrad = true;
        var ids = new Tensor([3f, 1f, 3f, 3f]);
        Ops.Sum(Ops.Gather(table, ids)).Backward();
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 3f, 3f], table.Grad!.ToArray());
        Assert.Null(ids.Grad);
    }

    [Theory]
    [InlineData(5f, "index 5 ", "out of range")]
    [InlineData(-1f, "index -1 ", "out of range")]
    [InlineData(1.5f, "index 1.5 ", "not an integer")]
    [InlineData(float.NaN, "index NaN ", "not an integer")]
    public void Gather_RejectsBadIndices(float bad, string index, string why)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Gather(Tensor.Zeros(5, 2), new Tensor([0f, bad])));
        Assert.Contains("Gather", ex.Message);
        Assert.Contains(index, ex.Message);
        Assert.Contains(why, ex.Message);
        Assert.Contains("[0, 4]", ex.Message);
    }
}
