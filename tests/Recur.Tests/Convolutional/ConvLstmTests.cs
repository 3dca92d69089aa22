using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Convolutional;

public sealed class ConvLstmTests
{
    private static void AssertClose(Tensor expected, Tensor actual, double tol = 2e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"element {i}: expected {e[i]}, received {a[i]}");
    }

    /// <summary>Sets non-symmetric weights (every gate block different), so a wrong gate order changes the numbers.</summary>
    private static Tensor[] RandomWeights(ConvLstm layer, int[] inputShape)
    {
        layer.Build(inputShape);
        var weights = layer.Weights.Select((w, i) => GradCheck.Random(w.Shape, 10 + i, 0.6f)).ToArray();
        layer.SetWeights(weights);
        return weights;
    }

    [Theory]
    [InlineData(1, "valid", 1, 1, false)]
    [InlineData(1, "same", 2, 1, true)]
    [InlineData(2, "same", 1, 2, false)]
    [InlineData(2, "valid", 2, 1, true)]
    [InlineData(3, "same", 1, 1, false)]
    public void MatchesIndependentReference(int rank, string padding, int stride, int dilation, bool goBackwards)
    {
        int[] spatial = rank switch { 1 => [7], 2 => [5, 6], _ => [4, 3, 5] };
        int[] shape = [2, 3, .. spatial, 2];
        var layer = new ConvLstm(rank, 3, [3], [stride], Enum.Parse<Padding>(padding, true), dilationRate: [dilation],
            returnSequences: true, returnState: true, goBackwards: goBackwards);
        var w = RandomWeights(layer, shape);
        var x = GradCheck.Random(shape, 1);
        var r = layer.Call(x);
        var s = Enumerable.Repeat(stride, rank).ToArray();
        var d = Enumerable.Repeat(dilation, rank).ToArray();
        var (seq, h, c) = ConvLstmReference.Run(x, w[0], w[1], w[2], s, padding, d, goBackwards);
        AssertClose(seq, r[0]);
        AssertClose(h, r[1]);
        AssertClose(c, r[2]);
    }

    [Fact]
    public void MaskHoldsStatesAndRepeatsOutputs()
    {
        var layer = new ConvLstm2D(2, [2, 2], padding: Padding.Same, returnSequences: true, returnState: true);
        var w = RandomWeights(layer, [2, 4, 3, 3, 2]);
        var x = GradCheck.Random([2, 4, 3, 3, 2], 2);
        var mask = new[,] { { true, false, true, true }, { false, true, true, false } };
        var r = layer.Call(x, mask: Tensor.FromMask(mask));
        var (seq, h, c) = ConvLstmReference.Run(x, w[0], w[1], w[2], [1, 1], "same", [1, 1], mask: mask);
        AssertClose(seq, r[0]);
        AssertClose(h, r[1]);
        AssertClose(c, r[2]);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var layer = new ConvLstm1D(2, [2], padding: Padding.Same, returnSequences: true);
        RandomWeights(layer, [1, 3, 4, 2]);
        var x = GradCheck.Random([1, 3, 4, 2], 3);
        // The weight tensors themselves: GradCheck perturbs them in place, which the layer reads.
        Tensor[] inputs = [x, .. layer.Weights.Select(v => v.Value)];
        GradCheck.Assert(t => layer.Call(t[0])[0], inputs, eps: 1e-2, atol: 2e-3);
        // Through explicit initial states too.
        var h0 = GradCheck.Random([1, 4, 2], 4);
        var c0 = GradCheck.Random([1, 4, 2], 5);
        GradCheck.Assert(t => layer.Call(t[0], [t[1], t[2]])[0], [x, h0, c0], eps: 1e-2, atol: 2e-3);
    }

    [Fact]
    public void StatefulCarriesStatesAndShapesFollowThePadding()
    {
        var layer = new ConvLstm2D(4, [3, 3], strides: [2, 2], stateful: true, returnState: true);
        var x = GradCheck.Random([2, 3, 9, 7, 1], 6);
        var first = layer.Call(x);
        Assert.Equal([2, 4, 3, 4], first[0].Shape);
        Assert.Equal(first[1].ToArray(), layer.States![0].ToArray());
        var second = layer.Call(x);
        Assert.NotEqual(first[0].ToArray(), second[0].ToArray());
        layer.ResetStates();
        Assert.Equal(first[0].ToArray(), layer.Call(x)[0].ToArray());
        Assert.Equal([[null, 4, 3, 4], [null, 4, 3, 4], [null, 4, 3, 4]], layer.ComputeOutputShape([null, null, 9, 7, 1]));
    }

    [Fact]
    public void DropoutInTrainingChangesOutputsOnlyThen()
    {
        var layer = new ConvLstm1D(3, [3], padding: Padding.Same, dropout: 0.5f, recurrentDropout: 0.5f, seed: 1);
        var x = GradCheck.Random([2, 3, 5, 2], 7);
        var inference = layer.Call(x)[0];
        Assert.Equal(inference.ToArray(), layer.Call(x)[0].ToArray());
        Assert.NotEqual(inference.ToArray(), layer.Call(x, training: true)[0].ToArray());
        // Rate 1 disables ConvLSTM dropout, as for LSTM.
        var off = new ConvLstm1D(3, [3], padding: Padding.Same, dropout: 1f, recurrentDropout: 1f);
        off.Build([2, 3, 5, 2]);
        off.SetWeights(layer.GetWeights());
        Assert.Equal(inference.ToArray(), off.Call(x, training: true)[0].ToArray());
    }

    [Fact]
    public void WeightsFollowKerasShapesAndUnitForgetBias()
    {
        var layer = new ConvLstm2D(3, [3, 2], biasInitializer: new Constant(0.25f));
        layer.Build([null, null, 6, 5, 2]);
        Assert.Equal([[3, 2, 2, 12], [3, 2, 3, 12], [12]], layer.Weights.Select(w => w.Shape));
        Assert.Equal([0.25f, 0.25f, 0.25f, 1f, 1f, 1f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f], layer.Weights[2].Value.ToArray());
        Assert.Equal(3 * 2 * 2 * 12 + 3 * 2 * 3 * 12 + 12, layer.CountParams());
    }

    [Fact]
    public void ConstructionAndBuildErrors()
    {
        Assert.Throws<ArgumentException>(() => new ConvLstm(4, 2, [3]));
        var e = Assert.Throws<ArgumentException>(() => new ConvLstm2D(2, [3], strides: [2], dilationRate: [2]));
        Assert.Contains("dilation_rate", e.Message);
        Assert.Throws<ArgumentException>(() => new ConvLstm2D(0, [3]));
        Assert.Throws<ArgumentException>(() => new ConvLstm1D(2, [3], padding: Padding.Causal));
        Assert.Throws<ArgumentException>(() => new ConvLstm2D(2, [3], dataFormat: "channels_middle"));
        Assert.Throws<ShapeMismatchException>(() => new ConvLstm2D(2, [3]).Build([null, null, null, 5, 2]));
        Assert.Throws<ShapeMismatchException>(() => new ConvLstm2D(2, [3]).Call(Tensor.Zeros(1, 2, 5, 2)));
        Assert.Throws<InvalidOperationException>(() => new ConvLstmCell(1, 2, [3]).GetInitialState(1));
    }

    [Fact]
    public void CellStepsOnSpatialStates()
    {
        var cell = new ConvLstmCell(2, 2, [3], padding: Padding.Same);
        var x = GradCheck.Random([1, 4, 4, 3], 8);
        var (h, states) = cell.Invoke(x, [Tensor.Zeros(1, 4, 4, 2), Tensor.Zeros(1, 4, 4, 2)]);
        Assert.Equal([1, 4, 4, 2], h.Shape);
        Assert.Equal(h.ToArray(), states[0].ToArray());
        Assert.Equal([[1, 4, 4, 2], [1, 4, 4, 2], [1, 4, 4, 2]], cell.ComputeOutputShape([1, 4, 4, 3]));
        Assert.Throws<ShapeMismatchException>(() => cell.Invoke(x, [Tensor.Zeros(1, 2), Tensor.Zeros(1, 2)]));
    }

    [Fact]
    public void ConfigsRoundTripInKerasOrder()
    {
        var layer = (ConvLstm2D)ConfigCheck.RoundTrip(new ConvLstm2D(4, [3], padding: Padding.Same, recurrentDropout: 0.2f, returnSequences: true, name: "c"));
        var keys = layer.GetConfig().Select(kv => kv.Key).ToList();
        Assert.Equal(["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
            "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias",
            "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
            "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed"], keys);
        Assert.Equal("[3,3]", layer.GetConfig()["kernel_size"]!.ToJsonString());
        var generic = (ConvLstm)ConfigCheck.RoundTrip(new ConvLstm(3, 2, [2, 1, 2]));
        Assert.Equal(3, generic.GetConfig()["rank"]!.GetValue<int>());
        ConfigCheck.RoundTrip(new ConvLstmCell(1, 2, [3], dilationRate: [2]));
        var loaded = KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "ConvLSTM1D", "config": {"filters": 2, "kernel_size": 3, "padding": "Same"}}"""));
        Assert.Equal(Padding.Same, ((ConvLstm1D)loaded).Padding);
    }

    [Fact]
    public void BidirectionalConcatenatesBothDirectionsOnTheFilterAxis()
    {
        var layer = new Bidirectional(new ConvLstm2D(3, [3], padding: Padding.Same, returnSequences: true));
        var y = layer.Apply(GradCheck.Random([2, 4, 5, 5, 2], 9));
        Assert.Equal([2, 4, 5, 5, 6], y.Shape);
        Assert.Equal([null, 4, 5, 5, 6], layer.ComputeOutputShape([null, 4, 5, 5, 2])[0]);
    }
}
