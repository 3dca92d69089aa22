using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class ElementwiseOpTests
{
    [Fact]
    public void SquareAbsPow_MatchFiniteDifferences()
    {
        GradCheck.Assert(t => Ops.Square(t[0]), [GradCheck.Random([3, 4], 61, 2f)]);
        // Grid values with a 0.05 offset stay away from |x|'s kink at 0.
        GradCheck.Assert(t => Ops.Abs(t[0]), [Reference.Grid([3, 4], 62, 0.05f)], eps: 1e-3);
        foreach (float p in new[] { 2f, 3f, 0.5f, -1.5f, 1f })
            GradCheck.Assert(t => Ops.Pow(Ops.Exp(t[0]), p), [GradCheck.Random([2, 3], 63)]);
        GradCheck.Assert(t => Ops.Pow(t[0], 3f), [GradCheck.Random([2, 3], 64)]);
    }

    [Fact]
    public void SquareAbsPow_HandComputedValues()
    {
        var x = new Tensor([-2f, 0f, 3f]);
        Assert.Equal([4f, 0f, 9f], Ops.Square(x).ToArray());
        Assert.Equal([2f, 0f, 3f], Ops.Abs(x).ToArray());
        Assert.Equal([-8f, 0f, 27f], Ops.Pow(x, 3f).ToArray());
        Assert.Equal([0.25f, float.PositiveInfinity, 1f / 9f], Ops.Pow(x, -2f).ToArray());
        Assert.True(float.IsNaN(Ops.Pow(x, 0.5f)[0]));
    }

    [Fact]
    public void AbsAndPow_GradientsAtZeroFollowTensorFlow()
    {
        var x = new Tensor([0f, 0f]) { RequiresGrad = true };
        Ops.Sum(Ops.Abs(x)).Backward();
        Assert.Equal([0f, 0f], x.Grad!.ToArray());
        x.ZeroGrad();
        Ops.Sum(Ops.Pow(x, 1f)).Backward();
        Assert.Equal([1f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Clip_MatchesFiniteDifferencesAwayFromBounds() =>
        // Grid values k/10 + 0.05 never sit within 1e-3 of the bounds ±0.5.
        GradCheck.Assert(t => Ops.Clip(t[0], -0.5f, 0.5f), [Reference.Grid([4, 5], 65, 0.05f)], eps: 1e-3);

    [Fact]
    public void Clip_ValuesAndGradientAtTheBounds()
    {
        var x = new Tensor([-2f, -1f, 0.5f, 1f, 3f, float.NaN]) { RequiresGrad = true };
        var y = Ops.Clip(x, -1f, 1f);
        Assert.Equal([-1f, -1f, 0.5f, 1f, 1f], y.ToArray()[..5]);
        Assert.True(float.IsNaN(y[5]));
        Ops.Sum(y).Backward();
        // TensorFlow's clip_by_value gradient: passed where min <= x <= max (bounds included), and for NaN.
        Assert.Equal([0f, 1f, 1f, 1f, 0f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Clip_RejectsInvertedBounds()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Clip(Tensor.Zeros(2), 1f, 0f));
        Assert.Contains("Clip", ex.Message);
        Assert.Contains("min <= max", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Clip(Tensor.Zeros(2), float.NaN, 0f));
    }

    public static TheoryData<int[], int[]> BroadcastCases => new()
    {
        { new[] { 2, 3 }, new[] { 2, 3 } },
        { new[] { 2, 3 }, new[] { 3 } },
        { new[] { 4, 1, 3 }, new[] { 2, 1 } },
        { new int[0], new[] { 2, 2 } },
    };

    [Theory, MemberData(nameof(BroadcastCases))]
    public void MaximumMinimum_MatchFiniteDifferences(int[] sa, int[] sb)
    {
        // a on the grid k/10 + 0.05, b on k/10: never within 1e-3 of each other, so no tie is crossed.
        GradCheck.Assert(t => Ops.Maximum(t[0], t[1]), [Reference.Grid(sa, 66, 0.05f), Reference.Grid(sb, 67, 0f)], eps: 1e-3);
        GradCheck.Assert(t => Ops.Minimum(t[0], t[1]), [Reference.Grid(sa, 68, 0.05f), Reference.Grid(sb, 69, 0f)], eps: 1e-3);
    }

    [Fact]
    public void MaximumMinimum_BroadcastValuesAndTies()
    {
        var a = new Tensor(new float[,] { { 1, 5 }, { 3, -2 } }) { RequiresGrad = true };
        var b = new Tensor([3f, 0f]) { RequiresGrad = true };
        var mx = Ops.Maximum(a, b);
        Assert.Equal([3f, 5f, 3f, 0f], mx.ToArray());
        Assert.Equal([1f, 0f, 3f, -2f], Ops.Minimum(a, b).ToArray());
        Ops.Sum(mx).Backward();
        // Ties (a = b = 3) go to a, as in TensorFlow.
        Assert.Equal([0f, 1f, 1f, 0f], a.Grad!.ToArray());
        Assert.Equal([1f, 1f], b.Grad!.ToArray());
        a.ZeroGrad(); b.ZeroGrad();
        Ops.Sum(Ops.Minimum(a, b)).Backward();
        Assert.Equal([1f, 0f, 1f, 1f], a.Grad!.ToArray());
        Assert.Equal([0f, 1f], b.Grad!.ToArray());
    }

    [Fact]
    public void MaximumMinimum_PropagateNaNAndRejectBadShapes()
    {
        Assert.True(float.IsNaN(Ops.Maximum(new Tensor([float.NaN]), new Tensor([1f]))[0]));
        Assert.True(float.IsNaN(Ops.Minimum(Tensor.Scalar(1f), new Tensor([float.NaN]))[0]));
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Maximum(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Contains("Maximum", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("Minimum", Assert.ThrowsAny<ArgumentException>(() => Ops.Minimum(Tensor.Zeros(3), Tensor.Zeros(4))).Message);
    }
}
