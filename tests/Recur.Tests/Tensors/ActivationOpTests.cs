using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class ActivationOpTests
{
    [Fact]
    public void Softplus_Erf_Relu6_MatchFiniteDifferences()
    {
        GradCheck.Assert(t => Ops.Softplus(t[0]), [GradCheck.Random([3, 4], 21, 5f)]);
        GradCheck.Assert(t => Ops.Erf(t[0]), [GradCheck.Random([3, 4], 22, 2.5f)]);
        var x = new Tensor([-2f, 0.5f, 3f, 5.5f, 6.5f, 9f], 2, 3);
        GradCheck.Assert(t => Ops.Relu6(t[0]), [x], eps: 1e-3);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-4, 1.1283791633342487e-4)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.5, 0.9999992569016276)]
    [InlineData(-1.0, -0.8427007929497149)]
    [InlineData(5.0, 1.0)]
    public void Erf_MatchesTabulatedValues(double x, double expected)
    {
        float y = Ops.Erf(new Tensor([(float)x])).Item();
        Assert.True(Math.Abs(y - expected) <= 1e-7 * Math.Abs(expected) + 1e-12, $"erf({x}) = {y}; expected {expected}.");
    }

    [Fact]
    public void Softplus_IsAccurateAtBothExtremes()
    {
        var y = Ops.Softplus(new Tensor([-100f, -20f, 0f, 20f, 100f])).ToArray();
        Assert.Equal((float)Math.Exp(-100), y[0]); // a subnormal float, not 0
        Assert.Equal(2.0611537e-9f, y[1], 1e-15f);
        Assert.Equal(MathF.Log(2f), y[2]);
        Assert.Equal(20f, y[3]);
        Assert.Equal(100f, y[4]);
    }

    [Fact]
    public void Relu6_ClipsWithoutRounding()
    {
        var y = Ops.Relu6(new Tensor([-1f, 1e-9f, 5.999999f, 1e8f, float.NaN])).ToArray();
        Assert.Equal([0f, 1e-9f, 5.999999f, 6f], y[..4]);
        Assert.True(float.IsNaN(y[4]));
    }
}
