using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class MergeTests
{
    private static readonly Tensor A = new(new float[,] { { 1, 2 }, { 3, 4 } });
    private static readonly Tensor B = new(new float[,] { { 5, 6 }, { 7, 8 } });

    [Fact]
    public void ElementwiseMerges_ComputeSumMeanProduct()
    {
        Assert.Equal([6f, 8f, 10f, 12f], new Add().Invoke([A, B])[0].ToArray());
        Assert.Equal([3f, 4f, 5f, 6f], new Average().Invoke([A, B])[0].ToArray());
        Assert.Equal([5f, 12f, 21f, 32f], new Multiply().Invoke([A, B])[0].ToArray());
        Assert.Equal([1f, 2f, 5f, 6f, 3f, 4f, 7f, 8f], new Concatenate().Invoke([A, B])[0].ToArray());
        Assert.Equal([4, 2], new Concatenate(axis: 0).Invoke([A, B])[0].Shape);
    }

    [Fact]
    public void Merges_RejectMismatchedShapes_AndSingleInputs()
    {
        Assert.Throws<ShapeMismatchException>(() => new Add().Invoke([A, Tensor.Ones(2, 3)]));
        Assert.Throws<ArgumentException>(() => new Add().Invoke([A]));
        Assert.Throws<ShapeMismatchException>(() => new Concatenate(axis: 0).Invoke([A, Tensor.Ones(1, 3)]));
        Assert.Equal([[null, 5]], new Concatenate().ComputeOutputShape([[null, 2], [null, 3]]));
    }

    [Fact]
    public void Masks_FollowKeras34Rules()
    {
        var x = Tensor.Ones(1, 3, 2);
        var y = Tensor.Ones(1, 3, 2);
        x.KerasMask = new Tensor([1f, 0f, 0f], 1, 3);
        y.KerasMask = new Tensor([0f, 1f, 0f], 1, 3);
        Assert.Equal([1f, 1f, 0f], new Add().Invoke([x, y])[0].KerasMask!.ToArray());
        var unmasked = Tensor.Ones(1, 3, 2);
        Assert.Null(new Add().Invoke([x, unmasked])[0].KerasMask);
        Assert.Equal([1f, 1f, 1f], new Concatenate().Invoke([x, unmasked])[0].KerasMask!.ToArray());
        // Multiply counts masked entries as 1.
        var a = new Tensor([2f, 3f], 1, 2, 1) { KerasMask = new Tensor([1f, 0f], 1, 2) };
        var b = new Tensor([5f, 7f], 1, 2, 1) { KerasMask = new Tensor([1f, 1f], 1, 2) };
        Assert.Equal([10f, 7f], new Multiply().Invoke([a, b])[0].ToArray());
    }

    [Fact]
    public void Merges_RoundTrip_AndDifferentiate()
    {
        foreach (var l in new Layer[] { new Add(), new Average(), new Multiply(), new Concatenate(axis: 1) }) ConfigCheck.RoundTrip(l);
        GradCheck.Assert(t => new Multiply().Invoke([t[0], t[1]])[0], [GradCheck.Random([2, 2], 1), GradCheck.Random([2, 2], 2)]);
        GradCheck.Assert(t => new Concatenate().Invoke([t[0], t[1]])[0], [GradCheck.Random([2, 2], 1), GradCheck.Random([2, 3], 2)]);
    }
}
