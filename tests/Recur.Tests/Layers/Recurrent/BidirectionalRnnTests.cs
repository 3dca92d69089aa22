using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;
using static Recur.Tests.Layers.Recurrent.ManualBidirectional;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>Bidirectional over the built-in recurrent layers, with explicit non-symmetric weights.</summary>
public sealed class BidirectionalRnnTests : IDisposable
{
    private readonly NameScope _scope = NameScope.Fresh();

    public void Dispose() => _scope.Dispose();

    private static Layer Create(string kind, bool returnSequences, bool goBackwards = false, bool returnState = false) => kind switch
    {
        "lstm" => new Lstm(3, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: returnSequences),
        "gru" => new Gru(3, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: returnSequences),
        _ => new SimpleRnn(3, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: returnSequences),
    };

    private static Tensor Input() => GradCheck.Random([2, 5, 4], 11, 2f);

    /// <summary>A built wrapper with random weights, and the same two directions as independent layers.</summary>
    private static (Bidirectional Bidi, Layer Forward, Layer Backward) Setup(string kind, MergeMode mode, bool returnSequences, bool returnState = false)
    {
        var bidi = new Bidirectional(Create(kind, returnSequences, returnState: returnState), mode);
        bidi.Build([2, 5, 4]);
        var weights = bidi.Weights.Select((w, i) => GradCheck.Random(w.Shape, 100 + i, 0.7f)).ToList();
        bidi.SetWeights(weights);

        var forward = Create(kind, returnSequences, returnState: returnState);
        var backward = Create(kind, returnSequences, goBackwards: true, returnState: returnState);
        forward.Build([2, 5, 4]);
        backward.Build([2, 5, 4]);
        int half = weights.Count / 2;
        forward.SetWeights(weights.Take(half).ToList());
        backward.SetWeights(weights.Skip(half).ToList());
        return (bidi, forward, backward);
    }

    public static TheoryData<string, MergeMode, bool, bool> Cases()
    {
        var data = new TheoryData<string, MergeMode, bool, bool>();
        foreach (var kind in new[] { "lstm", "gru", "simple_rnn" })
            foreach (var mode in new[] { MergeMode.Concat, MergeMode.Sum, MergeMode.Multiply, MergeMode.Average })
                foreach (bool returnSequences in new[] { false, true })
                    foreach (bool masked in new[] { false, true })
                        data.Add(kind, mode, returnSequences, masked);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_EqualsForwardRunPlusFlippedBackwardRun_Merged(string kind, MergeMode mode, bool returnSequences, bool masked)
    {
        var (bidi, forward, backward) = Setup(kind, mode, returnSequences);
        var x = Input();
        // Sample 0 right-padded, sample 1 with holes.
        var mask = masked ? Tensor.FromMask(new[,] { { true, true, true, false, false }, { false, true, false, true, true } }) : null;

        var y = forward.Apply(x, mask);
        var yb = backward.Apply(x, mask);
        var expected = Merge(mode, y, returnSequences ? FlipTime(yb) : yb);

        Close(expected, bidi.Call(x, mask: mask)[0]);
    }

    [Theory]
    [InlineData("lstm", 2)]
    [InlineData("gru", 1)]
    [InlineData("simple_rnn", 1)]
    public void ReturnState_AndInitialState_KeepForwardThenBackwardOrder(string kind, int statesPerDirection)
    {
        var (bidi, forward, backward) = Setup(kind, MergeMode.None, returnSequences: true, returnState: true);
        var x = Input();
        var initial = Enumerable.Range(0, 2 * statesPerDirection).Select(i => GradCheck.Random([2, 3], 50 + i)).ToList();

        var f = forward.Invoke([x], new CallOptions { InitialState = initial.Take(statesPerDirection).ToList() });
        var b = backward.Invoke([x], new CallOptions { InitialState = initial.Skip(statesPerDirection).ToList() });
        var r = bidi.Call(x, initialState: initial);

        Assert.Equal(2 + 2 * statesPerDirection, r.Count);
        Close(f[0].ToArray(), r[0]);
        Close(FlipTime(b[0]).ToArray(), r[1]);
        for (int i = 0; i < statesPerDirection; i++)
        {
            Close(f[1 + i].ToArray(), r[2 + i]);
            Close(b[1 + i].ToArray(), r[2 + statesPerDirection + i]);
        }
        Assert.Equal(r.Select(t => t.Shape.Select(d => (int?)d).ToArray()).ToArray(),
            bidi.ComputeOutputShape([2, 5, 4]).Select(s => s.Select(d => d).ToArray()).ToArray());
    }

    [Fact]
    public void Stateful_Lstm_CarriesEachDirectionsStates_AndResetStatesStartsOver()
    {
        var bidi = new Bidirectional(new Lstm(3, stateful: true), MergeMode.Sum);
        var x = Input();
        var first = bidi.Call(x)[0].ToArray();
        var second = bidi.Call(x)[0].ToArray();
        Assert.NotEqual(first, second);
        Assert.Equal(4, bidi.States!.Count);
        bidi.ResetStates();
        Assert.Equal(first, bidi.Call(x)[0].ToArray());
    }

    [Fact]
    public void Gradients_MatchFiniteDifferences_ThroughBothDirectionsAndTheFlip()
    {
        var bidi = new Bidirectional(new SimpleRnn(2, returnSequences: true), MergeMode.Concat);
        bidi.Build([2, 3, 2]);
        bidi.SetWeights(bidi.Weights.Select((w, i) => GradCheck.Random(w.Shape, 200 + i, 0.6f)).ToList());
        GradCheck.Assert(t => bidi.Call(t[0])[0], [GradCheck.Random([2, 3, 2], 9)]);
    }

    [Fact]
    public void DocExample_WeightPathsAndParameterCounts()
    {
        var first = new Bidirectional(new Lstm(10, returnSequences: true));
        var second = new Bidirectional(new Lstm(10));
        first.Build([null, 5, 10]);
        second.Build([null, 5, 20]);

        Assert.Equal(("bidirectional", "bidirectional_1"), (first.Name, second.Name));
        Assert.Equal(1680, first.CountParams());
        Assert.Equal(2480, second.CountParams());
        Assert.Equal(
            ["forward_lstm_1/lstm_cell/kernel", "forward_lstm_1/lstm_cell/recurrent_kernel", "forward_lstm_1/lstm_cell/bias",
             "backward_lstm_1/lstm_cell/kernel", "backward_lstm_1/lstm_cell/recurrent_kernel", "backward_lstm_1/lstm_cell/bias"],
            second.WeightPaths.Select(p => p.Path));
        Assert.Equal([20, 40], second.Weights[0].Shape);
        Assert.Equal([null, 5, 20], first.ComputeOutputShape([null, 5, 10])[0]);
        Assert.Equal([null, 20], second.ComputeOutputShape([null, 5, 20])[0]);
    }

    [Fact]
    public void Names_AreStableAcrossRoundTrips_WithoutDoublePrefix()
    {
        var bidi = new Bidirectional(new Lstm(2));
        Assert.Equal(("forward_lstm", "backward_lstm"), (bidi.ForwardLayer.Name, bidi.BackwardLayer.Name));
        var c1 = bidi.GetConfig();
        var once = Bidirectional.FromConfig(c1);
        var twice = Bidirectional.FromConfig(once.GetConfig());
        Assert.Equal(("forward_lstm", "backward_lstm"), (twice.ForwardLayer.Name, twice.BackwardLayer.Name));
        Assert.True(JsonNode.DeepEquals(c1, twice.GetConfig()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UseCudnn_IsCopiedToBothDirections(bool useCudnn)
    {
        var bidi = new Bidirectional(new Gru(1, useCudnn: useCudnn));
        Assert.Equal(useCudnn, ((Gru)bidi.ForwardLayer).UseCudnn);
        Assert.Equal(useCudnn, ((Gru)bidi.BackwardLayer).UseCudnn);
        Assert.Null(((Lstm)new Bidirectional(new Lstm(1)).BackwardLayer).UseCudnn);
    }

    [Fact]
    public void DifferentUnits_ConcatReportsTheForwardShapeTwice_SumFailsAtCall()
    {
        var concat = new Bidirectional(new Lstm(2), backwardLayer: new Lstm(3, goBackwards: true));
        Assert.Equal([[null, 4]], concat.ComputeOutputShape([null, 5, 4]));
        Assert.Equal([2, 5], concat.Call(Input())[0].Shape);
        var sum = new Bidirectional(new Lstm(2), MergeMode.Sum, backwardLayer: new Lstm(3, goBackwards: true));
        Assert.Throws<ShapeMismatchException>(() => sum.Call(Input()));
    }

    [Fact]
    public void FusedPlan_IsChosenForBuiltInPairs_AndThePredicateSaysWhyNot()
    {
        var x = Input();
        string? Why(Bidirectional layer, CallOptions? options = null)
        {
            layer.Build([2, 5, 4]);
            var plan = layer.TryFuse(x, options ?? CallOptions.Default, out var why);
            Assert.Equal(plan is null, why.Length > 0);
            return plan is null ? why : null;
        }
        // Masks, initial states, SimpleRNN and differing activations are all within the kernels' reach.
        Assert.Null(Why(new Bidirectional(new Lstm(2)), new CallOptions { Mask = Tensor.Ones(2, 5) }));
        Assert.Null(Why(new Bidirectional(new Lstm(2)), new CallOptions { InitialState = [.. Enumerable.Repeat(Tensor.Zeros(2, 2), 4)] }));
        Assert.Null(Why(new Bidirectional(new SimpleRnn(2))));
        Assert.Null(Why(new Bidirectional(new Lstm(2), backwardLayer: new Lstm(2, recurrentActivation: ActivationFunction.HardSigmoid, goBackwards: true))));

        Assert.Equal("the layer is stateful", Why(new Bidirectional(new Gru(2, stateful: true))));
        Assert.Equal("constants are given", Why(new Bidirectional(new Gru(2)), new CallOptions { Constants = [Tensor.Ones(2, 1)] }));
        Assert.Equal("the directions use different cells", Why(new Bidirectional(new Lstm(2), backwardLayer: new Gru(2, goBackwards: true))));
        Assert.Equal("the directions have different units", Why(new Bidirectional(new Lstm(2), backwardLayer: new Lstm(3, goBackwards: true))));
        Assert.Equal("the GRU directions differ in reset_after", Why(new Bidirectional(new Gru(2), backwardLayer: new Gru(2, resetAfter: false, goBackwards: true))));
        Assert.Equal("backward layer: dropout in training",
            Why(new Bidirectional(new Lstm(2), backwardLayer: new Lstm(2, dropout: 0.5f, goBackwards: true)), new CallOptions { Training = true }));
        Assert.Equal("forward layer: activation 'elu' has no fused form", Why(new Bidirectional(new SimpleRnn(2, activation: "elu"))));
        Assert.Equal("the forward layer does not go forwards or the backward layer backwards",
            Why(new Bidirectional(new Lstm(2, goBackwards: true), backwardLayer: new Lstm(2))));
        Assert.Equal("a direction has an activity regularizer", Why(new Bidirectional(new Gru(2, activityRegularizer: new L2(0.1f)))));
        using (RnnPaths.Force(twoPass: true))
            Assert.Equal("the two-pass path is forced (tests)", Why(new Bidirectional(new Lstm(2))));
    }
}
