using System.Numerics.Tensors;

namespace Recur.Tests.Tensors;

public sealed class TensorTests
{
    [Fact]
    public void Constructor_WrapsWithoutCopyingAndValidates()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var t = new Tensor(data, 2, 3);
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal(2, t.Rank);
        Assert.Equal(6, t.Size);
        Assert.Equal(3, t.Dim(-1));
        data[0] = 10f;
        Assert.Equal(10f, t[0, 0]);

        var size = Assert.Throws<ArgumentException>(() => new Tensor(data, 2, 2));
        Assert.Equal("Tensor: shape [2, 2] holds 4 elements; received 6 values. (Parameter 'data')", size.Message);
        var rank = Assert.Throws<ArgumentException>(() => new Tensor(new float[1], 1, 1, 1, 1, 1, 1, 1));
        Assert.Contains("rank must be at most 6", rank.Message);
        var neg = Assert.Throws<ArgumentException>(() => new Tensor(new float[0], 2, -1));
        Assert.Contains("non-negative", neg.Message);
        Assert.Contains("received shape [2, -1]", neg.Message);
        Assert.Throws<ArgumentNullException>(() => new Tensor(null!, 1));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1));
        Assert.Equal(Tensor.MaxRank, new Tensor(new float[1], 1, 1, 1, 1, 1, 1).Rank);
    }

    [Fact]
    public void Shape_IsACopy()
    {
        var t = Tensor.Zeros(2, 3);
        t.Shape[0] = 7;
        Assert.Equal([2, 3], t.Shape);
    }

    [Fact]
    public void Factories_FillValues()
    {
        Assert.Equal(new float[6], Tensor.Zeros(2, 3).ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 4), Tensor.Ones(2, 2).ToArray());
        var full = Tensor.Full(2.5f, 3);
        Assert.Equal([3], full.Shape);
        Assert.Equal([2.5f, 2.5f, 2.5f], full.ToArray());
        var s = Tensor.Scalar(4f);
        Assert.Equal(0, s.Rank);
        Assert.Equal(4f, s.Item());
        Assert.Equal(0, Tensor.Zeros(3, 0).Size);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item());
    }

    [Fact]
    public void MultidimensionalArrays_AreCopiedRowMajor()
    {
        var m = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var t = new Tensor(m);
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray());
        m[0, 0] = 9f;
        Assert.Equal(1f, t[0, 0]);

        var c = new float[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } }, { { 9, 10 }, { 11, 12 } } };
        var t3 = new Tensor(c);
        Assert.Equal([3, 2, 2], t3.Shape);
        Assert.Equal(7f, t3[1, 1, 0]);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (float)i), t3.ToArray());
        Assert.Equal([2, 1, 1, 1, 1], Tensor.FromArray(new float[2, 1, 1, 1, 1]).Shape);
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new double[2]));
    }

    [Fact]
    public void ToArray_Copies()
    {
        var t = new Tensor([1f, 2f]);
        var a = t.ToArray();
        a[0] = 5f;
        Assert.Equal(1f, t[0]);
    }

    [Fact]
    public void Indexer_GetsSetsAndRejectsBadCoordinates()
    {
        var t = Tensor.Zeros(2, 3);
        t[1, 2] = 7f;
        Assert.Equal(7f, t[1, 2]);
        Assert.Equal(7f, t.AsReadOnlySpan()[5]);
        Assert.Equal(4f, new Tensor([4f]) { [0] = 4f }[0]);
        var count = Assert.ThrowsAny<ArgumentException>(() => t[1]);
        Assert.Contains("expected 2 coordinates", count.Message);
        Assert.Contains("received 1", count.Message);
        var range = Assert.ThrowsAny<ArgumentException>(() => t[0, 3] = 1f);
        Assert.Contains("coordinate 3 is outside dimension 1 of shape [2, 3]", range.Message);
        Assert.ThrowsAny<ArgumentException>(() => t[-1, 0]);
        Assert.Equal(3f, Tensor.Scalar(3f)[Array.Empty<int>()]);
    }

    [Fact]
    public void ToString_IsReadableForSmallTensors()
    {
        Assert.Equal("Tensor([[1, 2],\n        [3, 4]], shape=[2, 2])", new Tensor(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("Tensor([0.5, -1.25, 3], shape=[3])", new Tensor([0.5f, -1.25f, 3f]).ToString());
        Assert.Equal("Tensor(2, shape=[])", Tensor.Scalar(2f).ToString());
        Assert.Equal("Tensor([], shape=[0])", Tensor.Zeros(0).ToString());
    }

    [Fact]
    public void ToString_SummarizesLargeTensors()
    {
        var big = new Tensor(Enumerable.Range(0, 2000).Select(i => (float)i).ToArray());
        Assert.Equal("Tensor([0, 1, 2, ..., 1997, 1998, 1999], shape=[2000])", big.ToString());
        var s = new Tensor(Enumerable.Range(0, 40 * 40).Select(i => (float)i).ToArray(), 40, 40).ToString();
        Assert.Contains("...", s);
        Assert.StartsWith("Tensor([[0, 1, 2, ..., 37, 38, 39],", s);
        Assert.EndsWith("1597, 1598, 1599]], shape=[40, 40])", s);
        Assert.True(s.Length < 400, s);
    }

    [Fact]
    public void AsSpan_InteroperatesWithTensorPrimitives()
    {
        var a = new Tensor([1f, 2f, 3f]);
        var b = new Tensor([4f, 5f, 6f]);
        TensorPrimitives.Add(a.AsReadOnlySpan(), b.AsReadOnlySpan(), a.AsSpan());
        Assert.Equal([5f, 7f, 9f], a.ToArray());
        Assert.Equal(5f * 4 + 7 * 5 + 9 * 6, TensorPrimitives.Dot(a.AsReadOnlySpan(), b.AsReadOnlySpan()));
    }

    [Fact]
    public void CloneAndDetach_LeaveTheGraph()
    {
        var x = new Tensor([1f, 2f]) { RequiresGrad = true };
        var y = x * x;
        var c = y.Clone();
        var d = y.Detach();
        Assert.True(c.IsLeaf && !c.RequiresGrad);
        Assert.True(d.IsLeaf && !d.RequiresGrad);
        y.AsSpan()[0] = 9f;
        Assert.Equal(1f, c[0]);
        Assert.Equal(9f, d[0]);
    }

    [Fact]
    public void Backward_OnALeafAccumulatesTheSeed()
    {
        var w = new Tensor([1f, 2f]) { RequiresGrad = true };
        w.Backward();
        w.Backward(new Tensor([2f, 3f]));
        Assert.Equal([3f, 4f], w.Grad!.ToArray());
        Assert.Throws<InvalidOperationException>(() => new Tensor([1f]).Backward());
        Assert.ThrowsAny<ArgumentException>(() => w.Backward(Tensor.Zeros(3)));
    }
}
