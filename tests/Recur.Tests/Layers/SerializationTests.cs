using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Tests.Layers;

public enum TestMergeMode
{
    [KerasName("concat")] Concatenate,
    Sum,
    AveragePool,
    [KerasName(null)] None,
}

/// <summary>A plain class bound by <see cref="ConfigBinder"/>, covering each kind of parameter.</summary>
public sealed class BinderTarget(
    int units, bool returnSequences = false, float dropout = 0f, TestMergeMode mergeMode = TestMergeMode.Concatenate,
    ActivationFunction? activation = null, Initializer? kernelInitializer = null, int[]? axis = null)
{
    public int Units { get; } = units;
    public bool ReturnSequences { get; } = returnSequences;
    public float Dropout { get; } = dropout;
    public TestMergeMode MergeMode { get; } = mergeMode;
    public ActivationFunction? Activation { get; } = activation;
    public Initializer? KernelInitializer { get; } = kernelInitializer;
    public int[]? Axis { get; } = axis;
}

public sealed class SerializationTests
{
    static SerializationTests() => KerasRegistry.RegisterLayer<ScaleLayer>("Scale");

    private static BinderTarget Bind(string json) => ConfigBinder.Construct<BinderTarget>(JsonNode.Parse(json)!.AsObject(), "BinderTarget");

    [Fact]
    public void MissingKeys_TakeConstructorDefaults()
    {
        var t = Bind("""{"units": 4}""");
        Assert.Equal(4, t.Units);
        Assert.False(t.ReturnSequences);
        Assert.Equal(0f, t.Dropout);
        Assert.Equal(TestMergeMode.Concatenate, t.MergeMode);
        Assert.Null(t.Activation);
    }

    [Fact]
    public void SnakeCaseKeys_BindToCamelCaseParameters()
    {
        var t = Bind("""{"units": 3, "return_sequences": true, "dropout": 0.25, "merge_mode": "sum", "kernel_initializer": "ones", "axis": [0, 1]}""");
        Assert.True(t.ReturnSequences);
        Assert.Equal(0.25f, t.Dropout);
        Assert.Equal(TestMergeMode.Sum, t.MergeMode);
        Assert.IsType<Ones>(t.KernelInitializer);
        Assert.Equal([0, 1], t.Axis!);
        Assert.Equal([2], Bind("""{"units": 1, "axis": 2}""").Axis!);
    }

    [Fact]
    public void InMemoryConfig_WithClrNumbers_Binds()
    {
        // A config built by GetConfig() holds CLR ints and floats, not parsed JSON.
        var config = new JsonObject { ["units"] = 5, ["dropout"] = 0.5f };
        var t = ConfigBinder.Construct<BinderTarget>(config, "BinderTarget");
        Assert.Equal((5, 0.5f), (t.Units, t.Dropout));
    }

    [Fact]
    public void UnknownKey_IsRejectedLikeKeras()
    {
        var e = Assert.Throws<ArgumentException>(() => Bind("""{"units": 3, "unitz": 4}"""));
        Assert.Contains("Unrecognized keyword arguments passed to BinderTarget", e.Message);
        Assert.Contains("'unitz'", e.Message);
    }

    [Fact]
    public void MissingRequiredKey_IsAFormatError() =>
        Assert.Contains("missing 'units'", Assert.Throws<KerasFormatException>(() => Bind("{}")).Message);

    [Fact]
    public void WrongType_NamesKeyAndValue()
    {
        var e = Assert.Throws<KerasFormatException>(() => Bind("""{"units": 2.5}"""));
        Assert.Contains("'units'", e.Message);
        Assert.Contains("2.5", e.Message);
    }

    [Fact]
    public void Enums_UseKerasNamesAndSnakeCase()
    {
        Assert.Equal(TestMergeMode.Concatenate, Bind("""{"units": 1, "merge_mode": "concat"}""").MergeMode);
        Assert.Equal(TestMergeMode.AveragePool, Bind("""{"units": 1, "merge_mode": "average_pool"}""").MergeMode);
        Assert.Equal(TestMergeMode.None, Bind("""{"units": 1, "merge_mode": null}""").MergeMode);
        var e = Assert.Throws<ArgumentException>(() => Bind("""{"units": 1, "merge_mode": "max"}"""));
        Assert.Contains("invalid merge mode 'max'", e.Message);
        Assert.Contains("'concat', 'sum', 'average_pool', None", e.Message);
        Assert.Equal("concat", ConfigBinder.EnumToKeras(TestMergeMode.Concatenate));
        Assert.Null(ConfigBinder.EnumToKeras(TestMergeMode.None));
    }

    [Fact]
    public void NullActivation_IsLinear()
    {
        Assert.Same(ActivationFunction.Linear, Bind("""{"units": 1, "activation": null}""").Activation);
        Assert.Same(ActivationFunction.Tanh, Bind("""{"units": 1, "activation": "tanh"}""").Activation);
    }

    [Fact]
    public void BaseKeys_AreAcceptedAndApplied()
    {
        var config = JsonNode.Parse("""{"name": "s", "trainable": false, "dtype": "float32", "initial_value": 2.0, "batch_input_shape": [null, 3]}""")!.AsObject();
        var layer = ConfigBinder.Construct<ScaleLayer>(config, "Scale");
        Assert.Equal("s", layer.Name);
        Assert.False(layer.Trainable);
        Assert.Equal(2f, layer.InitialValue);
        Assert.Equal(new int?[] { null, 3 }, layer.BatchInputShape);
    }

    [Fact]
    public void Envelope_RoundTripsARegisteredCustomLayer()
    {
        var layer = new ScaleLayer(1.5f, name: "custom");
        layer.Build([2, 4]);
        layer.SetWeights([new Tensor([1f, 2f, 3f, 4f])]);
        var envelope = KerasSerializer.Serialize(layer);
        Assert.Equal("recur.tests", envelope["module"]!.GetValue<string>());
        Assert.Equal("Scale", envelope["class_name"]!.GetValue<string>());
        Assert.Equal("Scale", envelope["registered_name"]!.GetValue<string>()); // not a keras.* module
        Assert.Equal("[2,4]", envelope["build_config"]!["input_shape"]!.ToJsonString());

        var back = Assert.IsType<ScaleLayer>(KerasSerializer.DeserializeLayer(JsonNode.Parse(envelope.ToJsonString())));
        Assert.Equal("custom", back.Name);
        Assert.Equal(1.5f, back.InitialValue);
        Assert.True(back.Built); // build_config builds it
        Assert.Equal([4], back.Scale!.Shape);
        Assert.Equal(envelope.ToJsonString(), KerasSerializer.Serialize(back).ToJsonString());
    }

    [Fact]
    public void LegacyEnvelope_AndPackagedName_Deserialize()
    {
        var legacy = KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "Scale", "config": {"name": "old", "initial_value": 3}}"""));
        Assert.Equal("old", legacy.Name);
        Assert.False(legacy.Built);
        var packaged = KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "MyPackage>Scale", "config": {}}"""));
        Assert.IsType<ScaleLayer>(packaged);
    }

    [Fact]
    public void UnknownLayerClass_ListsSupportedAndExplainsRegistration()
    {
        var e = Assert.Throws<KerasFormatException>(() =>
            KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "NoSuchLayer", "config": {}}""")));
        Assert.Contains("unknown layer class 'NoSuchLayer'", e.Message);
        Assert.Contains("Supported: ", e.Message);
        Assert.Contains("Scale", e.Message);
        Assert.Contains("KerasRegistry.RegisterLayer<T>", e.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"Scale\"")]
    [InlineData("""{"config": {}}""")]
    public void MalformedEnvelope_IsAFormatError(string json) =>
        Assert.Throws<KerasFormatException>(() => KerasSerializer.DeserializeLayer(JsonNode.Parse(json)));

    [Fact]
    public void NonObjectConfig_IsAFormatError() =>
        Assert.Contains("'config' of 'Scale' must be an object",
            Assert.Throws<KerasFormatException>(() => KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "Scale", "config": 3}"""))).Message);
}
