using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class SimpleLayersTests
{
    [Fact]
    public void Activation_AppliesFunction_AndRoundTrips()
    {
        var layer = new Activation("relu");
        Assert.Equal([0f, 2f], layer.Apply(new Tensor([-1f, 2f], 1, 2)).ToArray());
        Assert.Equal("activation", NameScope.ToSnakeCase(layer.KerasClassName));
        ConfigCheck.RoundTrip(layer);
    }

    [Fact]
    public void Dropout_ZeroesAndScalesInTraining_IdentityAtInference()
    {
        var x = Tensor.Ones(200, 50);
        var layer = new Dropout(0.25f, seed: 3);
        Assert.Same(x, layer.Apply(x));
        var y = layer.Apply(x, training: true).ToArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6));
        double dropped = y.Count(v => v == 0f) / (double)y.Length;
        Assert.InRange(dropped, 0.22, 0.28);
        var again = new Dropout(0.25f, seed: 3).Apply(x, training: true).ToArray();
        Assert.Equal(y, again);
        Assert.Single(layer.NonTrainableVariables);
        Assert.Empty(layer.Weights);
        ConfigCheck.RoundTrip(layer);
    }

    [Fact]
    public void Dropout_NoiseShape_SharesDecisionsAlongOneAxes()
    {
        var y = new Dropout(0.5f, noiseShape: [null, 1, null], seed: 1).Apply(Tensor.Ones(4, 6, 3), training: true);
        for (int b = 0; b < 4; b++)
            for (int t = 1; t < 6; t++)
                for (int f = 0; f < 3; f++)
                    Assert.Equal(y[b, 0, f], y[b, t, f]);
    }

    [Fact]
    public void Dropout_RateOne_GivesZeros_RateOutOfRange_Throws()
    {
        Assert.All(new Dropout(1f, seed: 1).Apply(Tensor.Ones(2, 3), training: true).ToArray(), v => Assert.Equal(0f, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5f));
    }

    [Fact]
    public void Masking_ZeroesMaskedSteps_AndAttachesMask()
    {
        var x = new Tensor(new float[,,] { { { 1, 2 }, { 0, 0 }, { 0, 3 } } });
        var layer = new Masking();
        var y = layer.Apply(x);
        Assert.Equal([1f, 2f, 0f, 0f, 0f, 3f], y.ToArray());
        Assert.Equal([1f, 0f, 1f], y.KerasMask!.ToArray());
        var custom = new Masking(maskValue: 2f).Apply(new Tensor(new float[,,] { { { 2, 2 }, { 2, 1 } } }));
        Assert.Equal([0f, 1f], custom.KerasMask!.ToArray());
        Assert.Equal([0f, 0f, 2f, 1f], custom.ToArray());
        ConfigCheck.RoundTrip(new Masking(maskValue: -1f));
    }

    [Fact]
    public void Flatten_Reshape_RepeatVector_ShapesValuesAndGradients()
    {
        var x = GradCheck.Random([2, 3, 4], 1);
        var flat = new Flatten();
        Assert.Equal([2, 12], flat.Apply(x).Shape);
        Assert.Equal(x.ToArray(), flat.Apply(x).ToArray());
        Assert.Equal([[null, 12]], flat.ComputeOutputShape([null, 3, 4]));
        var cf = new Flatten(dataFormat: "channels_first").Apply(x);
        Assert.Equal(x[1, 2, 0], cf[1, 2]);   // channel-first flattening walks the last input axis first
        Assert.Equal(x[1, 0, 1], cf[1, 3]);

        var reshape = new Reshape([4, -1]);
        Assert.Equal([2, 4, 3], reshape.Apply(x).Shape);
        Assert.Equal([[null, 4, 3]], reshape.ComputeOutputShape([null, 3, 4]));
        Assert.Throws<ShapeMismatchException>(() => new Reshape([5]).Apply(x));

        var repeat = new RepeatVector(3);
        var v = GradCheck.Random([2, 4], 2);
        var r = repeat.Apply(v);
        Assert.Equal([2, 3, 4], r.Shape);
        Assert.Equal(v[1, 2], r[1, 2, 2]);
        GradCheck.Assert(t => repeat.Apply(t[0]), [v]);
        foreach (var l in new Layer[] { flat, reshape, repeat }) ConfigCheck.RoundTrip(l);
    }
}
