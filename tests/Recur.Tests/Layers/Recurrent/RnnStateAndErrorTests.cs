using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>Stateful layers, configs, and the errors every bad input must raise (naming the layer, expected and received).</summary>
public sealed class RnnStateAndErrorTests
{
    private static readonly Tensor X = new(RecurrentReference.Values(2 * 3 * 4, 5), 2, 3, 4);

    private static Lstm StatefulLstm() => new(3, stateful: true, returnState: true, kernelInitializer: new Constant(0.1f), recurrentInitializer: new Constant(0.2f));

    [Fact]
    public void Stateful_ContinuesFromTheLastCall_AndResetsToZeros()
    {
        var stateful = StatefulLstm();
        var plain = new Lstm(3, returnState: true, kernelInitializer: new Constant(0.1f), recurrentInitializer: new Constant(0.2f));
        var first = stateful.Call(X);
        var second = stateful.Call(X);
        var expected = plain.Call(X, [first[1], first[2]]);
        Assert.Equal(expected[0].ToArray(), second[0].ToArray());
        Assert.Equal(second[2].ToArray(), stateful.States![1].ToArray());

        stateful.ResetStates();
        Assert.All(stateful.States!, s => Assert.All(s.ToArray(), v => Assert.Equal(0f, v)));
        Assert.Equal(first[0].ToArray(), stateful.Call(X)[0].ToArray());

        var h = Tensor.Full(0.5f, 2, 3);
        stateful.ResetStates([h, Tensor.Zeros(2, 3)]);
        Assert.Equal(plain.Call(X, [h, Tensor.Zeros(2, 3)])[0].ToArray(), stateful.Call(X)[0].ToArray());
    }

    [Fact]
    public void Stateful_Errors()
    {
        var layer = StatefulLstm();
        layer.Call(X);
        var e = Assert.ThrowsAny<ArgumentException>(() => layer.Call(new Tensor(new float[12], 1, 3, 4)));
        Assert.Contains("batch size", e.Message);
        Assert.Contains(layer.Name, e.Message);
        Assert.ThrowsAny<ArgumentException>(() => layer.ResetStates([Tensor.Zeros(2, 3)]));
        Assert.ThrowsAny<ArgumentException>(() => layer.ResetStates([Tensor.Zeros(2, 3), Tensor.Zeros(1, 3)]));
        Assert.Throws<InvalidOperationException>(() => new Lstm(3).ResetStates([Tensor.Zeros(2, 3)]));
        Assert.Contains("batch size", Assert.ThrowsAny<ArgumentException>(() => new Gru(2, stateful: true).Build(new int?[] { null, 3, 4 })).Message);
        new Gru(2).ResetStates(); // no-op on a non-stateful layer, as in Keras 3
    }

    [Fact]
    public void InputErrors_NameTheLayerExpectedAndReceived()
    {
        var layer = new SimpleRnn(2, name: "my_rnn");
        var rank = Assert.ThrowsAny<ArgumentException>(() => layer.Call(new Tensor(new float[8], 2, 4)));
        Assert.Contains("my_rnn", rank.Message);
        Assert.Contains("rank 3", rank.Message);
        Assert.False(layer.Built);

        layer.Call(X);
        var features = Assert.ThrowsAny<ArgumentException>(() => layer.Call(new Tensor(new float[30], 2, 3, 5)));
        Assert.Contains("my_rnn", features.Message);
        Assert.Contains("[2, 3, 5]", features.Message);

        var count = Assert.ThrowsAny<ArgumentException>(() => layer.Call(X, [Tensor.Zeros(2, 2), Tensor.Zeros(2, 2)]));
        Assert.Contains("expected 1", count.Message);
        Assert.Contains("received 2", count.Message);
        var shape = Assert.ThrowsAny<ArgumentException>(() => layer.Call(X, [Tensor.Zeros(2, 3)]));
        Assert.Contains("[2, 2]", shape.Message);
        Assert.Contains("[2, 3]", shape.Message);

        var mask = Assert.ThrowsAny<ArgumentException>(() => layer.Call(X, mask: Tensor.Ones(2, 4)));
        Assert.Contains("mask", mask.Message);
        Assert.Contains("[2, 4]", mask.Message);

        var weights = Assert.ThrowsAny<ArgumentException>(() => layer.SetWeights([Tensor.Zeros(4, 2), Tensor.Zeros(2, 3), Tensor.Zeros(2)]));
        Assert.Contains("[2, 2]", weights.Message);
        Assert.ThrowsAny<ArgumentException>(() => layer.SetWeights([Tensor.Zeros(4, 2)]));
    }

    [Fact]
    public void ConstructorErrors()
    {
        Assert.Contains("expected a positive integer", Assert.Throws<ArgumentException>(() => new Lstm(0)).Message);
        Assert.Contains("expected a positive integer", Assert.Throws<ArgumentException>(() => new GruCell(-1)).Message);
        var cudnn = new JsonObject { ["class_name"] = "GRU", ["config"] = new JsonObject { ["units"] = 2, ["use_cudnn"] = "yes" } };
        Assert.Contains("use_cudnn", Assert.ThrowsAny<ArgumentException>(() => KerasSerializer.DeserializeLayer(cudnn)).Message);
        var unknown = new JsonObject { ["class_name"] = "LSTM", ["config"] = new JsonObject { ["units"] = 2, ["foo"] = 1 } };
        Assert.Contains("foo", Assert.ThrowsAny<ArgumentException>(() => KerasSerializer.DeserializeLayer(unknown)).Message);
    }

    [Fact]
    public void Dropout_IsClippedSampledOncePerCall_AndOnlyAppliedInTraining()
    {
        var layer = new SimpleRnn(3, activation: "relu", dropout: 1.5f, recurrentDropout: -1f, kernelInitializer: new Constant(0.5f), returnSequences: true);
        Assert.Equal(1f, layer.Dropout);
        Assert.Equal(0f, layer.RecurrentDropout);
        // SimpleRNN applies a rate-1 mask: the input is zeroed in training, untouched otherwise.
        Assert.All(layer.Call(X, training: true)[0].ToArray(), v => Assert.Equal(0f, v));
        Assert.Contains(layer.Call(X)[0].ToArray(), v => v != 0f);

        var lstm = new Lstm(3, dropout: 1f, kernelInitializer: new Constant(0.5f));
        Assert.Equal(lstm.Call(X)[0].ToArray(), lstm.Call(X, training: true)[0].ToArray()); // LSTM ignores rate 1

        // With constant inputs over time, one mask per call gives the same dropped x at every step.
        var constant = new Tensor(Enumerable.Repeat(1f, 2 * 3 * 4).ToArray(), 2, 3, 4);
        var cell = new SimpleRnn(3, dropout: 0.5f, seed: 3, kernelInitializer: new Constant(1f), recurrentInitializer: new Constant(0f), returnSequences: true);
        var y = cell.Call(constant, training: true)[0].ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 1; t < 3; t++)
                Assert.Equal(y.AsSpan(b * 9, 3).ToArray(), y.AsSpan(b * 9 + t * 3, 3).ToArray());
    }

    public static TheoryData<string> ConfigLayers => ["simple", "lstm", "gru", "stacked"];

    [Theory]
    [MemberData(nameof(ConfigLayers))]
    public void Config_RoundTripsWithKerasKeyOrder(string kind)
    {
        Layer layer = kind switch
        {
            "simple" => new SimpleRnn(3, activation: "relu", dropout: 0.25f, seed: 4, kernelRegularizer: "l2", returnSequences: true),
            "lstm" => new Lstm(3, unitForgetBias: false, recurrentActivation: "hard_sigmoid", goBackwards: true, useCudnn: false, implementation: 1),
            "gru" => new Gru(3, resetAfter: false, stateful: true, zeroOutputForMask: true, activityRegularizer: "l1"),
            _ => new Rnn([new LstmCell(2), new GruCell(3)], returnState: true),
        };
        var config = layer.GetConfig();
        var copy = KerasSerializer.DeserializeLayer(new JsonObject { ["class_name"] = layer.KerasClassName, ["config"] = config.DeepClone() });
        Assert.Equal(config.ToJsonString(), copy.GetConfig().ToJsonString());
        var keys = config.Select(kv => kv.Key).ToList();
        Assert.Equal(["name", "trainable", "dtype"], keys.Take(3));
        if (layer is StandardRnn)
        {
            Assert.Equal(["return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask", "units", "activation"], keys.Skip(3).Take(8));
            Assert.Equal("seed", keys[^1]);
            Assert.DoesNotContain("cell", keys);
            Assert.DoesNotContain("use_cudnn", keys);
            Assert.DoesNotContain("implementation", keys);
        }
        else Assert.Equal("cell", keys[^1]);
    }

    [Fact]
    public void Layers_ExposeCellHyperParameters_AndKerasWeightPaths()
    {
        var gru = new Gru(4, resetAfter: true, useCudnn: true);
        gru.Build([2, 3, 5]);
        Assert.Equal(4, gru.Units);
        Assert.True(gru.ResetAfter);
        Assert.Equal(true, gru.UseCudnn);
        Assert.Equal(["gru_cell/kernel", "gru_cell/recurrent_kernel", "gru_cell/bias"], gru.WeightPaths.Select(p => p.Path));
        Assert.Equal([2, 12], gru.Weights[2].Shape);
        Assert.Equal(3 * (5 * 4 + 4 * 4) + 6 * 4, gru.CountParams());
        Assert.Equal([[2, 4]], gru.ComputeOutputShape([2, 3, 5]));
        var shapes = new Lstm(3, returnState: true, returnSequences: true).ComputeOutputShape([null, null, 7]);
        Assert.Equal([[null, null, 3], [null, 3], [null, 3]], shapes);
    }
}
