using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class DenseTests
{
    [Fact]
    public void Forward_Rank3_MatchesDoubleReference()
    {
        var dense = new Dense(3, activation: "tanh", kernelInitializer: "ones");
        var x = GradCheck.Random([2, 4, 5], 1);
        dense.Build([null, 4, 5]);
        var w = GradCheck.Random([5, 3], 2);
        var b = GradCheck.Random([3], 3);
        dense.SetWeights([w, b]);
        var y = dense.Apply(x);
        Assert.Equal([2, 4, 3], y.Shape);
        for (int i = 0; i < 8; i++)
            for (int u = 0; u < 3; u++)
            {
                double s = b[u];
                for (int d = 0; d < 5; d++) s += (double)x.ToArray()[i * 5 + d] * w[d, u];
                Assert.Equal(Math.Tanh(s), y.ToArray()[i * 3 + u], 5);
            }
    }

    [Fact]
    public void Weights_AreKernelThenBias_WithKerasShapes()
    {
        var dense = new Dense(4, kernelInitializer: "ones");
        dense.Build([null, 7]);
        Assert.Equal(["kernel", "bias"], dense.Weights.Select(v => v.Name));
        Assert.Equal([7, 4], dense.Weights[0].Shape);
        Assert.Equal(7 * 4 + 4, dense.CountParams());
        Assert.Equal([[null, 3, 4]], dense.ComputeOutputShape([null, 3, 7]));
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var dense = new Dense(3, activation: "sigmoid", kernelInitializer: "ones", biasInitializer: "ones");
        var x = GradCheck.Random([2, 3, 4], 4);
        dense.Build([null, 3, 4]);
        dense.SetWeights([GradCheck.Random([4, 3], 5), GradCheck.Random([3], 6)]);
        GradCheck.Assert(t => dense.Apply(t[0]), [x, dense.Kernel!.Value, dense.Bias!.Value]);
    }

    [Fact]
    public void Config_RoundTrips_AndRegularizerCountsALoss()
    {
        var dense = new Dense(2, activation: "relu", useBias: false, kernelInitializer: new Constant(0.5f), kernelRegularizer: "l2");
        var rebuilt = (Dense)ConfigCheck.RoundTrip(dense);
        Assert.Equal(2, rebuilt.Units);
        Assert.False(rebuilt.UseBias);
        dense.Build([null, 3]);
        Assert.Single(dense.Losses);
        Assert.Equal(0.01f * 6 * 0.25f, dense.Losses[0].Item(), 6);
    }

    [Fact]
    public void WrongFeatureSize_AfterBuild_Throws()
    {
        var dense = new Dense(2, kernelInitializer: "ones");
        dense.Apply(Tensor.Ones(1, 3));
        Assert.Throws<ShapeMismatchException>(() => dense.Apply(Tensor.Ones(1, 4)));
    }
}
