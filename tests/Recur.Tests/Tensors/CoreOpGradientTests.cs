using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class CoreOpGradientTests
{
    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 2, 3 }, new[] { 3 })]
    [InlineData(new[] { 4, 1, 3 }, new[] { 2, 1 })]
    [InlineData(new[] { 1 }, new[] { 2, 2 })]
    public void BroadcastArithmetic_MatchesFiniteDifferences(int[] sa, int[] sb)
    {
        GradCheck.Assert(t => Ops.Add(t[0], t[1]), [GradCheck.Random(sa, 1), GradCheck.Random(sb, 2)]);
        GradCheck.Assert(t => Ops.Sub(t[0], t[1]), [GradCheck.Random(sa, 1), GradCheck.Random(sb, 2)]);
        GradCheck.Assert(t => Ops.Mul(t[0], t[1]), [GradCheck.Random(sa, 1), GradCheck.Random(sb, 2)]);
        GradCheck.Assert(t => Ops.Div(t[0], t[1] * t[1] + 1f), [GradCheck.Random(sa, 1), GradCheck.Random(sb, 2)]);
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 4, 5 })]
    [InlineData(new[] { 2, 1, 3, 4 }, new[] { 3, 4, 2 })]
    [InlineData(new[] { 4 }, new[] { 4, 2 })]
    [InlineData(new[] { 3, 4 }, new[] { 4 })]
    public void MatMul_MatchesFiniteDifferences(int[] sa, int[] sb) =>
        GradCheck.Assert(t => Ops.MatMul(t[0], t[1]), [GradCheck.Random(sa, 3), GradCheck.Random(sb, 4)]);

    [Fact]
    public void UnaryOps_MatchFiniteDifferences()
    {
        GradCheck.Assert(t => Ops.Tanh(t[0]), [GradCheck.Random([3, 4], 5, 2f)]);
        GradCheck.Assert(t => Ops.Sigmoid(t[0]), [GradCheck.Random([3, 4], 5, 3f)]);
        GradCheck.Assert(t => Ops.Exp(t[0]), [GradCheck.Random([3, 4], 5)]);
        GradCheck.Assert(t => Ops.Log(Ops.Exp(t[0]) + 0.5f), [GradCheck.Random([3, 4], 5)]);
        GradCheck.Assert(t => Ops.Sqrt(Ops.Exp(t[0])), [GradCheck.Random([3, 4], 5)]);
        GradCheck.Assert(t => Ops.Neg(t[0]), [GradCheck.Random([3, 4], 5)]);
        GradCheck.Assert(t => Ops.Sum(t[0], [0, 2]), [GradCheck.Random([2, 3, 4], 6)]);
        GradCheck.Assert(t => Ops.Sum(t[0], -1, keepDims: true), [GradCheck.Random([2, 3, 4], 6)]);
    }

    [Fact]
    public void PiecewiseOps_MatchFiniteDifferencesAwayFromKinks()
    {
        // Values kept away from the kinks (0 for relu; ±3 and ±2.5 for the hard sigmoids) where the derivative jumps.
        var x = new Tensor([-4f, -2f, -0.7f, 0.4f, 1.9f, 3.5f, -1.1f, 0.9f], 2, 4);
        GradCheck.Assert(t => Ops.Relu(t[0]), [x], eps: 1e-3);
        GradCheck.Assert(t => Ops.HardSigmoid(t[0]), [x], eps: 1e-3);
        GradCheck.Assert(t => Ops.HardSigmoidLegacy(t[0]), [x], eps: 1e-3);
    }

    [Fact]
    public void HardSigmoid_UsesKeras3AndKeras2Formulas()
    {
        var x = new Tensor([-4f, 0.3f, 2f, 10f]);
        Assert.Equal([0f, 0.3f / 6f + 0.5f, 2f / 6f + 0.5f, 1f], Ops.HardSigmoid(x).ToArray());
        Assert.Equal([0f, 0.2f * 0.3f + 0.5f, 0.2f * 2f + 0.5f, 1f], Ops.HardSigmoidLegacy(x).ToArray());
    }

    [Fact]
    public void Gradients_AccumulateAcrossBackwardCalls()
    {
        var w = new Tensor([1f, 2f, 3f]) { RequiresGrad = true };
        Ops.Sum(w * w).Backward();
        Ops.Sum(w * w).Backward();
        Assert.Equal([4f, 8f, 12f], w.Grad!.ToArray());
    }

    [Fact]
    public void SharedSubexpression_GetsGradientFromEveryUse()
    {
        var x = new Tensor([0.5f, -1f]) { RequiresGrad = true };
        var t = Ops.Tanh(x);
        Ops.Sum(t * t + t).Backward();
        var expected = x.ToArray().Select(v => { float th = MathF.Tanh(v); return (2 * th + 1) * (1 - th * th); }).ToArray();
        Assert.Equal(expected[0], x.Grad![0], 5);
        Assert.Equal(expected[1], x.Grad![1], 5);
    }

    [Fact]
    public void NoGradScope_RecordsNothing()
    {
        var w = new Tensor([1f, 2f]) { RequiresGrad = true };
        using (Autograd.NoGrad())
        {
            var y = Ops.Tanh(w * w);
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
        }
        Assert.True(Ops.Tanh(w).RequiresGrad);
    }

    [Fact]
    public void BroadcastMismatch_NamesOperationAndShapes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Add(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Contains("Add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
        var mm = Assert.ThrowsAny<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("MatMul", mm.Message);
        Assert.Contains("[2, 3]", mm.Message);
        Assert.Contains("[4, 5]", mm.Message);
    }

    [Fact]
    public void NaN_PropagatesThroughArithmetic()
    {
        var y = Ops.MatMul(new Tensor([float.NaN, 1f], 1, 2), Tensor.Ones(2, 2)) + Tensor.Scalar(float.PositiveInfinity);
        Assert.True(float.IsNaN(y[0, 0]));
    }
}
