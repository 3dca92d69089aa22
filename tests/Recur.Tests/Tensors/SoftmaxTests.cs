using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class SoftmaxTests
{
    public static TheoryData<int[], int> Cases => new()
    {
        { new[] { 2, 3, 4 }, -1 },
        { new[] { 2, 3, 4 }, 0 },
        { new[] { 2, 3, 4 }, 1 },
        { new[] { 2, 3, 4 }, -2 },
        { new[] { 5 }, 0 },
        { new[] { 3, 1, 2 }, 1 },
        { new[] { 1, 4 }, -2 },
    };

    private static double[] SoftmaxRef(double[] v)
    {
        double m = v.Max();
        var e = v.Select(x => Math.Exp(x - m)).ToArray();
        double s = e.Sum();
        return e.Select(x => x / s).ToArray();
    }

    private static double[] LogSoftmaxRef(double[] v)
    {
        double m = v.Max();
        double lse = m + Math.Log(v.Sum(x => Math.Exp(x - m)));
        return v.Select(x => x - lse).ToArray();
    }

    [Theory, MemberData(nameof(Cases))]
    public void Softmax_MatchesFiniteDifferences(int[] shape, int axis) =>
        GradCheck.Assert(t => Ops.Softmax(t[0], axis), [GradCheck.Random(shape, 11, 2f)]);

    [Theory, MemberData(nameof(Cases))]
    public void LogSoftmax_MatchesFiniteDifferences(int[] shape, int axis) =>
        GradCheck.Assert(t => Ops.LogSoftmax(t[0], axis), [GradCheck.Random(shape, 12, 2f)]);

    [Theory, MemberData(nameof(Cases))]
    public void Softmax_MatchesDoubleReference(int[] shape, int axis)
    {
        var x = GradCheck.Random(shape, 13, 4f);
        Reference.Close(Reference.MapLines(x, axis, SoftmaxRef), Ops.Softmax(x, axis).ToArray());
        Reference.Close(Reference.MapLines(x, axis, LogSoftmaxRef), Ops.LogSoftmax(x, axis).ToArray());
    }

    [Fact]
    public void Softmax_HandComputedRow()
    {
        var y = Ops.Softmax(new Tensor([0f, MathF.Log(3f)]));
        Assert.Equal(0.25f, y[0], 6);
        Assert.Equal(0.75f, y[1], 6);
    }

    [Fact]
    public void Softmax_IsStableForLargeLogits()
    {
        var x = new Tensor([1000f, 1001f, 999f, -1000f, 1000f, 1000f], 2, 3);
        var y = Ops.Softmax(x);
        var ly = Ops.LogSoftmax(x);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(ly.ToArray(), v => Assert.True(float.IsFinite(v)));
        Reference.Close(Reference.MapLines(x, -1, SoftmaxRef), y.ToArray());
        Reference.Close(Reference.MapLines(x, -1, LogSoftmaxRef), ly.ToArray());
        // Along axis 0 as well (the strided path).
        Reference.Close(Reference.MapLines(x, 0, SoftmaxRef), Ops.Softmax(x, 0).ToArray());
        Reference.Close(Reference.MapLines(x, 0, LogSoftmaxRef), Ops.LogSoftmax(x, 0).ToArray());
    }

    [Fact]
    public void Softmax_HandlesSizeZeroDimensions()
    {
        Assert.Equal([0, 3], Ops.Softmax(Tensor.Zeros(0, 3)).Shape);
        Assert.Equal([3, 0], Ops.LogSoftmax(Tensor.Zeros(3, 0), 0).Shape);
        var x = new Tensor(new float[0], 2, 0) { RequiresGrad = true };
        Ops.Sum(Ops.Softmax(x, 0)).Backward();
        Assert.Equal([2, 0], x.Grad!.Shape);
    }

    [Fact]
    public void Softmax_RejectsBadAxisAndScalar()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Softmax(Tensor.Zeros(2, 3), 2));
        Assert.Contains("Softmax", ex.Message);
        Assert.Contains("axis 2", ex.Message);
        Assert.Contains("rank 2", ex.Message);
        var scalar = Assert.ThrowsAny<ArgumentException>(() => Ops.LogSoftmax(Tensor.Scalar(1f)));
        Assert.Contains("LogSoftmax", scalar.Message);
        Assert.Contains("rank 1 or more", scalar.Message);
    }
}
