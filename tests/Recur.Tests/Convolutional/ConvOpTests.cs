using Recur.Tests.TestKit;

namespace Recur.Tests.Convolutional;

public sealed class ConvOpTests
{
    private static Padding Parse(string p) => Enum.Parse<Padding>(p, ignoreCase: true);

    private static void AssertClose(Tensor expected, Tensor actual, float tol = 1e-5f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]}, received {a[i]}");
    }

    [Theory]
    // 1-D: odd sizes, strides, dilation, every padding.
    [InlineData(new[] { 2, 7, 3 }, new[] { 3 }, 4, new[] { 1 }, "valid", new[] { 1 })]
    [InlineData(new[] { 2, 7, 3 }, new[] { 3 }, 4, new[] { 2 }, "same", new[] { 1 })]
    [InlineData(new[] { 2, 8, 2 }, new[] { 4 }, 3, new[] { 3 }, "same", new[] { 1 })]
    [InlineData(new[] { 2, 9, 2 }, new[] { 3 }, 2, new[] { 1 }, "same", new[] { 2 })]
    [InlineData(new[] { 1, 9, 2 }, new[] { 3 }, 2, new[] { 1 }, "causal", new[] { 2 })]
    [InlineData(new[] { 1, 10, 2 }, new[] { 2 }, 2, new[] { 3 }, "causal", new[] { 1 })]
    // 2-D: rectangular windows, mixed strides, dilation, even windows with same (uneven split).
    [InlineData(new[] { 2, 5, 6, 3 }, new[] { 3, 2 }, 4, new[] { 1, 1 }, "valid", new[] { 1, 1 })]
    [InlineData(new[] { 2, 5, 6, 3 }, new[] { 2, 2 }, 3, new[] { 2, 3 }, "same", new[] { 1, 1 })]
    [InlineData(new[] { 1, 7, 7, 2 }, new[] { 3, 3 }, 2, new[] { 1, 1 }, "same", new[] { 2, 3 })]
    [InlineData(new[] { 1, 7, 5, 2 }, new[] { 3, 1 }, 2, new[] { 2, 1 }, "valid", new[] { 1, 1 })]
    [InlineData(new[] { 3, 4, 4, 5 }, new[] { 1, 1 }, 3, new[] { 1, 1 }, "valid", new[] { 1, 1 })]
    // 3-D.
    [InlineData(new[] { 2, 4, 5, 3, 2 }, new[] { 2, 3, 2 }, 3, new[] { 1, 2, 1 }, "same", new[] { 1, 1, 1 })]
    [InlineData(new[] { 1, 5, 4, 4, 2 }, new[] { 3, 2, 2 }, 2, new[] { 1, 1, 1 }, "valid", new[] { 1, 2, 1 })]
    public void Conv_MatchesDirectLoopAndFiniteDifferences(int[] xShape, int[] k, int filters, int[] s, string padding, int[] d)
    {
        var x = GradCheck.Random(xShape, 1);
        var w = GradCheck.Random([.. k, xShape[^1], filters], 2);
        AssertClose(NaiveConv.Conv(x, w, s, padding, d), Ops.Conv(x, w, s, Parse(padding), d));
        GradCheck.Assert(t => Ops.Conv(t[0], t[1], s, Parse(padding), d), [x, w]);
    }

    [Fact]
    public void Conv_SplitsSamePaddingFloorBeforeCeilAfter()
    {
        // n = 4, k = 2, s = 1: total padding 1 goes after (TensorFlow), so y[i] = x[i] + x[i+1] and the last is x[3].
        var x = new Tensor([1f, 2f, 3f, 4f], 1, 4, 1);
        var y = Ops.Conv(x, Tensor.Ones(2, 1, 1), padding: Padding.Same);
        Assert.Equal([3f, 5f, 7f, 4f], y.ToArray());
        // n = 5, k = 4, s = 1: total 3 → 1 before, 2 after.
        var y2 = Ops.Conv(new Tensor([1f, 2f, 3f, 4f, 5f], 1, 5, 1), Tensor.Ones(4, 1, 1), padding: Padding.Same);
        Assert.Equal([6f, 10f, 14f, 12f, 9f], y2.ToArray());
    }

    [Fact]
    public void Conv_LargeBatchIsChunkedWithoutChangingTheNumbers()
    {
        // Enough samples that the patch matrix is split into several chunks (and fanned out over threads).
        var x = GradCheck.Random([40, 30, 30, 3], 3);
        var w = GradCheck.Random([3, 3, 3, 8], 4);
        AssertClose(NaiveConv.Conv(x, w, [1, 1], "same", [1, 1]), Ops.Conv(x, w, [1, 1], Padding.Same, [1, 1]), 1e-4f);
    }

    [Fact]
    public void Conv_RejectsBadShapes()
    {
        var x = Tensor.Zeros(1, 3, 2);
        Assert.Throws<ShapeMismatchException>(() => Ops.Conv(x, Tensor.Zeros(2, 3, 4)));
        Assert.Throws<ShapeMismatchException>(() => Ops.Conv(x, Tensor.Zeros(4, 2, 4)));
        Assert.Throws<ArgumentException>(() => Ops.Conv(x, Tensor.Zeros(2, 2, 4), [0]));
        Assert.Throws<ArgumentException>(() => Ops.Conv(Tensor.Zeros(1, 3, 3, 2), Tensor.Zeros(2, 2, 2, 4), padding: Padding.Causal));
        Assert.Throws<ShapeMismatchException>(() => Ops.Conv(Tensor.Zeros(1, 3, 3, 3, 3, 2), Tensor.Zeros(1, 1, 1, 1, 2, 4)));
    }

    [Theory]
    [InlineData(new[] { 2, 7, 3 }, new[] { 2 }, new[] { 2 }, "valid")]
    [InlineData(new[] { 2, 7, 3 }, new[] { 3 }, new[] { 2 }, "same")]
    [InlineData(new[] { 2, 8, 2 }, new[] { 2 }, new[] { 1 }, "same")]
    [InlineData(new[] { 2, 5, 7, 3 }, new[] { 2, 2 }, new[] { 2, 2 }, "valid")]
    [InlineData(new[] { 2, 5, 7, 3 }, new[] { 3, 2 }, new[] { 2, 3 }, "same")]
    [InlineData(new[] { 1, 4, 4, 4, 2 }, new[] { 2, 2, 2 }, new[] { 2, 2, 2 }, "valid")]
    public void MaxPool_MatchesDirectLoopAndFiniteDifferences(int[] xShape, int[] pool, int[] s, string padding)
    {
        // Distinct values (a shuffled ramp) keep every maximum unique, so the gradient is smooth under ±eps.
        int size = xShape.Aggregate(1, (p, v) => p * v);
        var rng = new Random(5);
        var values = Enumerable.Range(0, size).Select(i => (float)i / size).OrderBy(_ => rng.Next()).ToArray();
        var x = new Tensor(values, xShape);
        AssertClose(NaiveConv.MaxPool(x, pool, s, padding), Ops.MaxPool(x, pool, s, Parse(padding)));
        GradCheck.Assert(t => Ops.MaxPool(t[0], pool, s, Parse(padding)), [x], eps: 1e-4);
    }

    [Fact]
    public void MaxPool_GradientGoesToTheFirstMaximum()
    {
        var x = new Tensor([1f, 5f, 5f, 2f], 1, 4, 1) { RequiresGrad = true };
        var y = Ops.MaxPool(x, [4]);
        Assert.Equal([5f], y.ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal([0f, 1f, 0f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxPool_StridesDefaultToThePoolSize()
    {
        var x = new Tensor([1f, 2f, 3f, 4f, 5f, 6f], 1, 6, 1);
        Assert.Equal([2f, 4f, 6f], Ops.MaxPool(x, [2]).ToArray());
    }
}
