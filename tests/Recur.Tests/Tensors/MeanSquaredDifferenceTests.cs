using Recur.Tests.TestKit;
using Xunit;

namespace Recur.Tests.Tensors;

/// <summary>The fused squared-error op against the composed ops it replaces and against finite differences.</summary>
public class MeanSquaredDifferenceTests
{
    [Theory]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 2, 4, 37 })]
    [InlineData(new[] { 2, 3, 2, 64 })]
    public void Equals_the_composed_ops_bit_for_bit_forward_and_backward(int[] shape)
    {
        var (a1, b1) = (GradCheck.Random(shape, 1, 3f), GradCheck.Random(shape, 2, 3f));
        var (a2, b2) = (a1.Clone(), b1.Clone());
        foreach (var t in new[] { a1, b1, a2, b2 }) t.RequiresGrad = true;
        var weights = GradCheck.Random(shape[..^1], 3);

        var fused = Ops.MeanSquaredDifference(a1, b1);
        var d = a2 - b2;
        var composed = Ops.Mean(d * d, -1);
        Assert.Equal(composed.Shape, fused.Shape);
        Assert.Equal(composed.ToArray(), fused.ToArray());

        Ops.Sum(fused * weights).Backward();
        Ops.Sum(composed * weights).Backward();
        Assert.Equal(a2.Grad!.ToArray(), a1.Grad!.ToArray());
        Assert.Equal(b2.Grad!.ToArray(), b1.Grad!.ToArray());
    }

    [Fact]
    public void Gradients_match_finite_differences() =>
        GradCheck.Assert(t => Ops.MeanSquaredDifference(t[0], t[1]), [GradCheck.Random([3, 4, 5], 4), GradCheck.Random([3, 4, 5], 5)]);

    [Fact]
    public void Only_the_operand_that_needs_it_gets_a_gradient()
    {
        var a = GradCheck.Random([2, 3], 6);
        var b = GradCheck.Random([2, 3], 7);
        a.RequiresGrad = true;
        Ops.Sum(Ops.MeanSquaredDifference(a, b)).Backward();
        Assert.NotNull(a.Grad);
        Assert.Null(b.Grad);
        var expected = new float[6];
        for (int i = 0; i < 6; i++) expected[i] = 2f * (a.AsReadOnlySpan()[i] - b.AsReadOnlySpan()[i]) / 3f;
        Assert.Equal(expected, a.Grad!.ToArray(), (x, y) => Math.Abs(x - y) <= 1e-6f);
    }

    [Fact]
    public void Different_shapes_name_the_op_and_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Ops.MeanSquaredDifference(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Contains("MeanSquaredDifference", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3, 2]", e.Message);
    }
}
