using Recur.Layers;

namespace Recur.Tests.Layers;

public sealed class LayerBaseTests
{
    [Theory]
    [InlineData("SimpleRNN", "simple_rnn")]
    [InlineData("LSTM", "lstm")]
    [InlineData("GRU", "gru")]
    [InlineData("StackedRNNCells", "stacked_rnn_cells")]
    [InlineData("ConvLSTM2D", "conv_lstm2d")]
    [InlineData("TimeDistributed", "time_distributed")]
    [InlineData("Bidirectional", "bidirectional")]
    [InlineData("LSTMCell", "lstm_cell")]
    public void ToSnakeCase_MatchesKeras(string className, string expected) =>
        Assert.Equal(expected, NameScope.ToSnakeCase(className));

    [Fact]
    public void AutoNames_AreUniquePerScope()
    {
        using (NameScope.Fresh())
        {
            Assert.Equal("lstm", NameScope.Unique("LSTM"));
            Assert.Equal("lstm_1", NameScope.Unique("LSTM"));
            Assert.Equal("scale", new ScaleLayer().Name);
            Assert.Equal("scale_1", new ScaleLayer().Name);
            Assert.Equal("explicit", new ScaleLayer(name: "explicit").Name);
            Assert.Equal("scale_2", new ScaleLayer().Name);
            using (NameScope.Fresh())
            {
                Assert.Equal("lstm", NameScope.Unique("LSTM"));
                Assert.Equal("scale", new ScaleLayer().Name);
            }
            // Disposing the inner scope restores the outer one and its counts.
            Assert.Equal("lstm_2", NameScope.Unique("LSTM"));
        }
    }

    [Fact]
    public void Build_HappensOnFirstCall()
    {
        var layer = new ScaleLayer(2f);
        Assert.False(layer.Built);
        Assert.Empty(layer.Weights);
        var y = layer.Apply(new Tensor([1f, 2f, 3f, 4f, 5f, 6f], 2, 3));
        Assert.True(layer.Built);
        Assert.Equal(new int?[] { 2, 3 }, layer.BuildInputShape);
        Assert.Equal([3], Assert.Single(layer.Weights).Shape);
        Assert.Equal([2f, 4f, 6f, 8f, 10f, 12f], y.ToArray());
        var scale = layer.Scale;
        layer.Apply(new Tensor([1f, 1f, 1f], 1, 3));
        Assert.Same(scale, layer.Scale); // built once
    }

    [Fact]
    public void FailedBuild_LeavesLayerUnbuiltWithoutWeights()
    {
        var layer = new FailingBuildLayer();
        Assert.Throws<InvalidOperationException>(() => layer.Build([3, 2]));
        Assert.False(layer.Built);
        Assert.Empty(layer.Weights);
        Assert.Null(layer.BuildInputShape);
        layer.Fail = false;
        layer.Build([3, 2]);
        Assert.True(layer.Built);
        Assert.Single(layer.Weights);
    }

    [Fact]
    public void Weights_AreOwnThenChildrenInTrackingOrder()
    {
        using var _ = NameScope.Fresh();
        var pair = new PairLayer();
        pair.Build([1, 2]);
        Assert.Equal(["bias", "first/scale", "second/scale"], pair.WeightPaths.Select(p => p.Path));
        // Keras opens the parent's name scope around build, so sub-layers built inside it get full paths.
        Assert.Equal(["pair/bias", "pair/first/scale", "pair/second/scale"], pair.Weights.Select(v => v.Path));
        Assert.Equal(6, pair.CountParams());
        Assert.Equal([2f, 2f], pair.GetWeights()[1].ToArray());
    }

    [Fact]
    public void WeightPaths_FollowTheScopeTheWeightWasCreatedIn()
    {
        var outer = new CallBuildsChildLayer(name: "outer");
        outer.Apply(new Tensor([1f, 2f], 1, 2));
        Assert.Equal("outer/inner/scale", outer.Inner.Scale!.Path);
        var alone = new ScaleLayer(name: "alone");
        alone.Build([1, 2]);
        Assert.Equal("alone/scale", alone.Scale!.Path);
    }

    /// <summary>Builds its sub-layer lazily, on the sub-layer's first call inside this layer's call.</summary>
    private sealed class CallBuildsChildLayer : Layer
    {
        public CallBuildsChildLayer(string? name = null) : base(name) => Inner = Track(new ScaleLayer(name: "inner"));

        public ScaleLayer Inner { get; }

        public override string KerasClassName => "CallBuildsChild";

        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [Inner.Apply(inputs[0])];

        public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
    }

    [Fact]
    public void SetWeights_ChecksCountAndShapeNamingTheLayer()
    {
        var layer = new ScaleLayer(name: "my_scale");
        var unbuilt = Assert.Throws<ArgumentException>(() => layer.SetWeights([new Tensor([1f])]));
        Assert.Contains("Scale 'my_scale'", unbuilt.Message);
        Assert.Contains("not be built", unbuilt.Message);

        layer.Build([1, 3]);
        var count = Assert.Throws<ArgumentException>(() => layer.SetWeights([]));
        Assert.Contains("'my_scale'", count.Message);
        Assert.Contains("expected 1", count.Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => layer.SetWeights([new Tensor([1f, 2f])]));
        Assert.Contains("'my_scale'", shape.Message);
        Assert.Contains("[3]", shape.Message);
        Assert.Equal([1f, 1f, 1f], layer.Scale!.Value.ToArray()); // nothing changed

        layer.SetWeights([new Tensor([4f, 5f, 6f])]);
        Assert.Equal([4f, 5f, 6f], layer.GetWeights()[0].ToArray());
    }

    [Fact]
    public void TrainableFalse_MovesWeightsToNonTrainableAndPropagates()
    {
        var pair = new PairLayer();
        pair.Build([1, 2]);
        Assert.Equal(3, pair.TrainableWeights.Count);
        Assert.Empty(pair.NonTrainableWeights);

        pair.Trainable = false;
        Assert.Empty(pair.TrainableWeights);
        Assert.Equal(pair.Weights, pair.NonTrainableWeights);
        Assert.False(pair.First.Trainable);
        Assert.False(pair.Second.Trainable);
        Assert.Empty(pair.First.TrainableWeights);

        pair.Trainable = true;
        Assert.True(pair.Second.Trainable);
        Assert.Equal(3, pair.TrainableWeights.Count);
    }

    [Fact]
    public void NonTrainableWeight_IsReportedApart()
    {
        var layer = new ScaleLayer(trainableScale: false);
        layer.Build([2, 4]);
        Assert.Empty(layer.TrainableWeights);
        Assert.Single(layer.NonTrainableWeights);
        Assert.False(layer.Scale!.Value.RequiresGrad);
    }

    [Fact]
    public void BaseConfig_HasNameTrainableDtype()
    {
        var config = new ScaleLayer(name: "s").GetConfig();
        Assert.Equal("s", config["name"]!.GetValue<string>());
        Assert.True(config["trainable"]!.GetValue<bool>());
        Assert.NotNull(config["dtype"]);
    }
}
