using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class NormalizationTests
{
    [Fact]
    public void LayerNormalization_MatchesDoubleReference_AndGradients()
    {
        var layer = new LayerNormalization(epsilon: 1e-3f);
        var x = GradCheck.Random([2, 3, 4], 1, 3f);
        layer.Build([null, 3, 4]);
        var gamma = GradCheck.Random([4], 2);
        var beta = GradCheck.Random([4], 3);
        layer.SetWeights([gamma, beta]);
        var expected = Reference.MapLines(x, -1, line =>
        {
            double mean = line.Average(), variance = line.Average(v => (v - mean) * (v - mean));
            return line.Select((v, i) => (v - mean) / Math.Sqrt(variance + 1e-3) * gamma[i] + beta[i]).ToArray();
        });
        var y = layer.Apply(x).ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal(expected[i], y[i], 5);
        Assert.Equal(["gamma", "beta"], layer.Weights.Select(w => w.Name));
        GradCheck.Assert(t => layer.Apply(t[0]), [x, layer.Gamma!.Value, layer.Beta!.Value]);
        ConfigCheck.RoundTrip(layer);
        ConfigCheck.RoundTrip(new LayerNormalization(axis: [1, 2], rmsScaling: true));
    }

    [Fact]
    public void BatchNormalization_TrainingUsesBatchStats_AndUpdatesMovingStats()
    {
        var layer = new BatchNormalization(momentum: 0.5f);
        var x = new Tensor(new float[,] { { 1, 10 }, { 3, 20 } });
        var y = layer.Apply(x, training: true);
        // Column 0: mean 2, variance 1 → ±1/√1.001.
        Assert.Equal(-1 / Math.Sqrt(1.001), y[0, 0], 5);
        Assert.Equal(1 / Math.Sqrt(1.001), y[1, 0], 5);
        Assert.Equal([1f, 7.5f], layer.MovingMean!.Value.ToArray());           // 0·0.5 + [2, 15]·0.5
        Assert.Equal([1f, 13f], layer.MovingVariance!.Value.ToArray());        // 1·0.5 + [1, 25]·0.5
        Assert.Equal(1, layer.MovingMean.Version);
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], layer.Weights.Select(w => w.Name));

        var inference = layer.Apply(x);
        Assert.Equal((1 - 1) / Math.Sqrt(1.001), inference[0, 0], 5);
        Assert.Equal((20 - 7.5) / Math.Sqrt(13.001), inference[1, 1], 5);
        ConfigCheck.RoundTrip(layer);
    }

    [Fact]
    public void BatchNormalization_Training_MatchesFiniteDifferences()
    {
        var layer = new BatchNormalization();
        var x = GradCheck.Random([4, 3], 1);
        layer.Build([null, 3]);
        GradCheck.Assert(t => layer.Apply(t[0], training: true), [x, layer.Gamma!.Value, layer.Beta!.Value]);
    }
}
