using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class ReductionTests
{
    public static TheoryData<int[], int[], bool> Cases => new()
    {
        { new[] { 2, 3, 4 }, new[] { -1 }, false },
        { new[] { 2, 3, 4 }, new[] { 0 }, true },
        { new[] { 2, 3, 4 }, new[] { 0, 2 }, false },
        { new[] { 2, 3, 4 }, new[] { -2, 0 }, true },
        { new[] { 2, 3, 4 }, new[] { 0, 1, 2 }, false },
        { new[] { 3, 1, 2 }, new[] { 1 }, false },
        { new[] { 5 }, new[] { 0 }, false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Mean_MatchesFiniteDifferences(int[] shape, int[] axes, bool keepDims) =>
        GradCheck.Assert(t => Ops.Mean(t[0], axes, keepDims), [GradCheck.Random(shape, 21)]);

    [Theory, MemberData(nameof(Cases))]
    public void Max_MatchesFiniteDifferences(int[] shape, int[] axes, bool keepDims) =>
        GradCheck.Assert(t => Ops.Max(t[0], axes, keepDims), [Reference.Distinct(shape, 22)], eps: 1e-3);

    [Fact]
    public void MeanAll_MatchesFiniteDifferencesAndValue()
    {
        GradCheck.Assert(t => Ops.Mean(t[0]), [GradCheck.Random([3, 4], 23)]);
        Assert.Equal(2.5f, Ops.Mean(new Tensor([1f, 2f, 3f, 4f], 2, 2)).Item());
        Assert.Equal(0, Ops.Mean(new Tensor([1f, 2f, 3f, 4f], 2, 2)).Rank);
    }

    [Fact]
    public void MeanAndMax_MatchHandComputedValues()
    {
        var x = new Tensor(new float[,] { { 1, 5, 3 }, { -4, 2, 8 } });
        Assert.Equal([-1.5f, 3.5f, 5.5f], Ops.Mean(x, 0).ToArray());
        Assert.Equal([3f, 2f], Ops.Mean(x, -1).ToArray());
        Assert.Equal([2, 1], Ops.Mean(x, 1, keepDims: true).Shape);
        Assert.Equal([1f, 5f, 8f], Ops.Max(x, 0).ToArray());
        Assert.Equal([5f, 8f], Ops.Max(x, [-1]).ToArray());
        Assert.Equal([1, 1], Ops.Max(x, [0, 1], keepDims: true).Shape);
        Assert.Equal(8f, Ops.Max(x, [0, 1]).Item());
        Assert.Equal(0, Ops.Max(x, [0, 1]).Rank);
    }

    [Fact]
    public void MeanAndMax_OverSeveralAxesMatchDoubleReference()
    {
        var x = GradCheck.Random([2, 3, 4], 24);
        var v = x.ToArray();
        var mean = new float[3];
        var max = new float[3];
        for (int j = 0; j < 3; j++)
        {
            double s = 0, m = double.NegativeInfinity;
            for (int i = 0; i < 2; i++)
                for (int k = 0; k < 4; k++) { double e = v[(i * 3 + j) * 4 + k]; s += e; m = Math.Max(m, e); }
            mean[j] = (float)(s / 8);
            max[j] = (float)m;
        }
        Reference.Close(mean, Ops.Mean(x, [0, -1]).ToArray());
        Assert.Equal(max, Ops.Max(x, [2, 0]).ToArray());
    }

    [Fact]
    public void Max_GradientGoesToFirstArgMax()
    {
        var x = new Tensor(new float[,] { { 1, 3, 3 }, { 7, 7, 7 } }) { RequiresGrad = true };
        Ops.Sum(Ops.Max(x, 1)).Backward();
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f], x.Grad!.ToArray());

        var z = new Tensor(new float[,] { { 2, 9 }, { 9, 1 } }) { RequiresGrad = true };
        Ops.Max(z, [0, 1]).Backward();
        Assert.Equal([0f, 1f, 0f, 0f], z.Grad!.ToArray());
    }

    [Fact]
    public void Reductions_HandleSizeZeroDimensions()
    {
        Assert.True(float.IsNaN(Ops.Mean(Tensor.Zeros(0, 3)).Item()));
        Assert.Equal([3], Ops.Mean(Tensor.Zeros(0, 3), 0).Shape);
        Assert.True(float.IsNaN(Ops.Mean(Tensor.Zeros(0, 3), 0)[0]));
        Assert.Equal([0], Ops.Mean(Tensor.Zeros(0, 3), 1).Shape);
        Assert.Equal(float.NegativeInfinity, Ops.Max(Tensor.Zeros(2, 0), 1)[1]);
        Assert.Equal([0], Ops.Max(Tensor.Zeros(0, 3), 1).Shape);
    }

    [Fact]
    public void Max_PropagatesNaN()
    {
        var x = new Tensor([1f, float.NaN, 3f]) { RequiresGrad = true };
        var y = Ops.Max(x, 0);
        Assert.True(float.IsNaN(y.Item()));
        y.Backward();
        Assert.Equal([0f, 1f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void Reductions_RejectBadAxes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Mean(Tensor.Zeros(2, 3), [0, 2]));
        Assert.Contains("Mean", ex.Message);
        Assert.Contains("axis 2", ex.Message);
        var mx = Assert.ThrowsAny<ArgumentException>(() => Ops.Max(Tensor.Zeros(2, 3), -3));
        Assert.Contains("Max", mx.Message);
        Assert.Contains("axis -3", mx.Message);
        Assert.Contains("[-2, 1]", mx.Message);
    }
}
