using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Convolutional;

public sealed class ConvLayerTests
{
    private static Layer FromConfig(string json) => KerasSerializer.DeserializeLayer(JsonNode.Parse(json));

    [Fact]
    public void Conv1D_IsConvPlusBiasThenActivation()
    {
        var layer = new Conv1D(4, [3], padding: Padding.Same, activation: "relu", biasInitializer: new Constant(0.25f));
        var x = GradCheck.Random([2, 7, 3], 1);
        var y = layer.Apply(x);
        var expected = Ops.Relu(NaiveConv.Conv(x, layer.Kernel!, [1], "same", [1]) + 0.25f);
        Assert.Equal(expected.Shape, y.Shape);
        for (int i = 0; i < y.Size; i++) Assert.Equal(expected.AsReadOnlySpan()[i], y.AsReadOnlySpan()[i], 5);
        Assert.Equal([[3, 3, 4], [4]], layer.Weights.Select(w => w.Shape));
    }

    [Fact]
    public void Conv2D_ShapesKeepUnknownDimsAndFoldExtraBatchAxes()
    {
        var layer = new Conv2D(8, [3], strides: [2, 1]);
        Assert.Equal([null, 4, 6, 8], layer.ComputeOutputShape([null, 9, 8, 3])[0]);
        Assert.Equal([null, null, 6, 8], layer.ComputeOutputShape([null, null, 8, 3])[0]);
        Assert.Equal([5, 2, 4, 6, 8], layer.ComputeOutputShape([5, 2, 9, 8, 3])[0]);
        var y = layer.Apply(Tensor.Ones(2, 3, 9, 8, 3));
        Assert.Equal([2, 3, 4, 6, 8], y.Shape);
        Assert.Throws<ShapeMismatchException>(() => layer.ComputeOutputShape([null, 2, 8, 3]));
    }

    [Fact]
    public void Conv2D_ChannelsFirstTransposesAroundTheSameKernel()
    {
        var last = new Conv2D(3, [2, 2], kernelInitializer: new Constant(0.1f), biasInitializer: new Constant(0.2f));
        var first = new Conv2D(3, [2, 2], dataFormat: "channels_first", kernelInitializer: new Constant(0.1f), biasInitializer: new Constant(0.2f));
        var x = GradCheck.Random([2, 4, 5, 2], 3);
        var expected = last.Apply(x);
        var y = first.Apply(Ops.Transpose(x, 0, 3, 1, 2));
        Assert.Equal([2, 3, 3, 4], y.Shape);
        Assert.Equal(Ops.Transpose(expected, 0, 3, 1, 2).ToArray(), y.ToArray());
        Assert.Equal([null, 3, 3, 4], first.ComputeOutputShape([null, 2, 4, 5])[0]);
    }

    [Fact]
    public void Conv1D_GroupsSeeOnlyTheirChannelBlock()
    {
        var layer = new Conv1D(4, [1], groups: 2, useBias: false);
        var x = GradCheck.Random([1, 3, 4], 4);
        var y = layer.Apply(x);
        Assert.Equal([1, 2, 4], layer.Kernel!.Shape);
        var k = layer.Kernel.Value;
        var halves = Ops.Split(x, -1, 2);
        var expected = Ops.Concat([Ops.MatMul(halves[0], Ops.Reshape(Ops.Slice(k, -1, 0, 2), [2, 2])),
            Ops.MatMul(halves[1], Ops.Reshape(Ops.Slice(k, -1, 2, 2), [2, 2]))], -1);
        Assert.Equal(expected.ToArray(), y.ToArray());
        Assert.Throws<ArgumentException>(() => new Conv1D(3, [1], groups: 2));
    }

    [Fact]
    public void Conv_GradientsReachInputKernelAndBias()
    {
        var layer = new Conv2D(2, [2, 2], padding: Padding.Same, activation: "tanh");
        layer.Build([1, 3, 3, 2]);
        var x = GradCheck.Random([1, 3, 3, 2], 5);
        var k = layer.Kernel!.Value;
        var b = GradCheck.Random([2], 6);
        GradCheck.Assert(t => Ops.Tanh(Ops.Conv(t[0], t[1], padding: Padding.Same) + t[2]), [x, k, b]);
    }

    [Fact]
    public void Constructor_ValidatesLikeKeras()
    {
        Assert.Throws<ArgumentException>(() => new Conv2D(0, [3]));
        Assert.Throws<ArgumentException>(() => new Conv2D(2, [3, 3, 3]));
        Assert.Throws<ArgumentException>(() => new Conv2D(2, [3], strides: [2], dilationRate: [2]));
        Assert.Throws<ArgumentException>(() => new Conv2D(2, [3], padding: Padding.Causal));
        Assert.Throws<ArgumentException>(() => new Conv2D(2, [3], dataFormat: "channels_middle"));
        Assert.Throws<ArgumentException>(() => new MaxPooling2D(padding: Padding.Causal));
    }

    [Fact]
    public void Conv1D_CausalSeesNoFutureStep()
    {
        var layer = new Conv1D(1, [3], padding: Padding.Causal, kernelInitializer: "ones", useBias: false);
        var y = layer.Apply(new Tensor([1f, 2f, 3f, 4f], 1, 4, 1));
        Assert.Equal([1f, 3f, 6f, 9f], y.ToArray());
    }

    [Fact]
    public void MaxPooling_DefaultsAndShapes()
    {
        var p1 = new MaxPooling1D();
        Assert.Equal([2], p1.PoolSize);
        Assert.Equal([2], p1.Strides);
        Assert.Equal([null, 3, 5], p1.ComputeOutputShape([null, 7, 5])[0]);
        Assert.Equal([[2f, 4f, 6f]], [p1.Apply(new Tensor([1f, 2f, 3f, 4f, 5f, 6f, 0f], 1, 7, 1)).ToArray()]);
        var p2 = new MaxPooling2D([3], [2], Padding.Same);
        Assert.Equal([null, 3, 2, 4], p2.ComputeOutputShape([null, 5, 4, 4])[0]);
        Assert.Equal([2, 3, 2, 4], p2.Apply(Tensor.Ones(2, 5, 4, 4)).Shape);
        var p3 = new MaxPooling2D(dataFormat: "channels_first");
        Assert.Equal([null, 4, 2, 3], p3.ComputeOutputShape([null, 4, 5, 6])[0]);
        Assert.Equal([1, 4, 2, 3], p3.Apply(Tensor.Ones(1, 4, 5, 6)).Shape);
    }

    [Fact]
    public void Configs_RoundTripAndLoadKerasSpellings()
    {
        ConfigCheck.RoundTrip(new Conv1D(8, [5], strides: [2], padding: Padding.Same, activation: "relu", kernelRegularizer: "l2", name: "c1"));
        ConfigCheck.RoundTrip(new Conv2D(4, [3, 1], dilationRate: [2], groups: 2, useBias: false));
        ConfigCheck.RoundTrip(new MaxPooling1D([3], padding: Padding.Same));
        ConfigCheck.RoundTrip(new MaxPooling2D([2, 3], [1, 2]));

        var conv = (Conv2D)FromConfig("""{"class_name": "Convolution2D", "config": {"filters": 6, "kernel_size": 3, "padding": "SAME", "strides": [1, 1], "data_format": "channels_last"}}""");
        Assert.Equal([3, 3], conv.KernelSize);
        Assert.Equal(Padding.Same, conv.Padding);
        var config = conv.GetConfig();
        Assert.Equal("same", config["padding"]!.GetValue<string>());
        Assert.Equal("[3,3]", config["kernel_size"]!.ToJsonString());
        Assert.Equal(["name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
            "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
            "activity_regularizer", "kernel_constraint", "bias_constraint"], config.Select(kv => kv.Key));

        var pool = (MaxPooling1D)FromConfig("""{"class_name": "MaxPool1D", "config": {"pool_size": 2, "strides": null, "padding": "valid"}}""");
        Assert.Equal([2], pool.Strides);
        Assert.Equal(["name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"], pool.GetConfig().Select(kv => kv.Key));
        Assert.IsType<Conv1D>(FromConfig("""{"class_name": "Convolution1D", "config": {"filters": 2, "kernel_size": [3]}}"""));
        Assert.IsType<MaxPooling2D>(FromConfig("""{"class_name": "MaxPool2D", "config": {}}"""));
    }
}
