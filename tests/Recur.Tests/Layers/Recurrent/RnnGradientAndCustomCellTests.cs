using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>Generic-loop gradients against finite differences, the sequence ops' backward, and the custom-cell API.</summary>
public sealed class RnnGradientAndCustomCellTests
{
    public static TheoryData<string> Kinds => ["simple", "lstm", "gru", "gru_reset_before"];

    private static Rnn Make(string kind) => kind switch
    {
        "simple" => new SimpleRnn(2, returnSequences: true, returnState: true),
        "lstm" => new Lstm(2, returnSequences: true, returnState: true),
        "gru" => new Gru(2, returnSequences: true, returnState: true),
        _ => new Gru(2, resetAfter: false, returnSequences: true, returnState: true),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Gradients_OfInputsInitialStatesAndWeights_MatchFiniteDifferences(string kind)
    {
        var layer = Make(kind);
        var x = GradCheck.Random([2, 3, 2], 1);
        layer.Build(x.Shape);
        layer.SetWeights(layer.Weights.Select((w, i) => GradCheck.Random(w.Shape, 10 + i, 0.7f)).ToList());
        var init = Enumerable.Range(0, layer.StateCount).Select(i => GradCheck.Random([2, 2], 20 + i, 0.5f)).ToArray();
        var mask = Tensor.FromMask(new[,] { { true, false, true }, { true, true, true } });
        // Sum of sequence and every final state, so the checked scalar depends on each returned tensor.
        Tensor Run(Tensor[] t)
        {
            var r = layer.Call(t[0], t[1..(1 + init.Length)], mask);
            var total = Ops.Sum(r[0]);
            foreach (var s in r.Skip(1)) total += Ops.Sum(s * s);
            return total;
        }
        Tensor[] weights = [.. layer.Weights.Select(w => w.Value)];
        GradCheck.Assert(Run, [x, .. init, .. weights], eps: 1e-2, atol: 2e-3, rtol: 2e-2);
    }

    [Fact]
    public void SequenceOps_Backward_MatchesFiniteDifferences()
    {
        GradCheck.Assert(t => SequenceOps.Stack(SequenceOps.Unstack(t[0]).Reverse().ToList()), [GradCheck.Random([2, 3, 4], 1)]);
        GradCheck.Assert(t => SequenceOps.Unstack(t[0])[1] * 2f, [GradCheck.Random([2, 3, 4], 2)]);
        GradCheck.Assert(t => SequenceOps.SliceLast(t[0], 1, 2), [GradCheck.Random([3, 4], 3)]);
        GradCheck.Assert(t => SequenceOps.Select([true, false, true], t[0], t[1]), [GradCheck.Random([3, 2], 4), GradCheck.Random([3, 2], 5)]);
    }

    [Fact]
    public void Unstack_AccumulatesAcrossRepeatedBackwardPasses()
    {
        var x = GradCheck.Random([2, 3, 2], 6);
        x.RequiresGrad = true;
        for (int pass = 0; pass < 2; pass++) Ops.Sum(SequenceOps.Stack(SequenceOps.Unstack(x))).Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(2f, g));
    }

    /// <summary>The example of <see cref="RnnCell"/>'s documentation: <c>h = tanh(x·W + h·U)</c>.</summary>
    private sealed class MinimalCell(int units, string? name = null) : RnnCell(name)
    {
        private Variable _w = null!, _u = null!;

        public int Units { get; } = units;
        public override string KerasClassName => "MinimalCell";
        public override IReadOnlyList<int> StateSize => [Units];

        protected override void BuildCore(int?[] inputShape)
        {
            _w = AddWeight("kernel", [inputShape[^1]!.Value, Units], new Constant(0.3f));
            _u = AddWeight("recurrent_kernel", [Units, Units], new Constant(-0.2f));
        }

        public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor x, IReadOnlyList<Tensor> states, bool training)
        {
            var h = Ops.Tanh(Ops.MatMul(x, _w) + Ops.MatMul(states[0], _u));
            return (h, [h]);
        }

        public override JsonObject GetConfig()
        {
            var o = base.GetConfig();
            o["units"] = Units;
            return o;
        }
    }

    [Fact]
    public void CustomCell_RunsTrainsAndRoundTrips()
    {
        KerasRegistry.RegisterLayer<MinimalCell>("MinimalCell");
        var layer = new Rnn(new MinimalCell(3), returnSequences: true);
        var x = GradCheck.Random([2, 4, 5], 7);
        var y = layer.Call(x)[0];
        Assert.Equal([2, 4, 3], y.Shape);
        Assert.Equal(["minimal_cell/kernel", "minimal_cell/recurrent_kernel"], layer.WeightPaths.Select(p => p.Path));

        Ops.Sum(y).Backward();
        Assert.NotNull(layer.Weights[0].Value.Grad);

        var config = KerasSerializer.Serialize(layer);
        var copy = (Rnn)KerasSerializer.DeserializeLayer(config);
        Assert.IsType<MinimalCell>(copy.Cell);
        Assert.Equal(layer.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
        Assert.Equal(y.ToArray(), copy.Call(x)[0].ToArray());
    }

    [Fact]
    public void CellCall_RunsOneStep()
    {
        var cell = new LstmCell(2, kernelInitializer: new Constant(0.1f), recurrentInitializer: new Constant(0.1f));
        var (output, states) = cell.Invoke(Tensor.Ones(1, 3), [Tensor.Zeros(1, 2), Tensor.Zeros(1, 2)]);
        Assert.Equal(2, states.Count);
        Assert.Equal(output.ToArray(), states[0].ToArray());
        Assert.ThrowsAny<ArgumentException>(() => cell.Invoke(Tensor.Ones(1, 3), [Tensor.Zeros(1, 2)]));
    }
}

public sealed class FusedPathPredicateTests
{
    [Fact]
    public void TryFuse_SaysWhyTheGenericLoopRuns()
    {
        var x = Tensor.Ones(1, 2, 3);
        string Reason(StandardRnn layer, bool training)
        {
            layer.Build(x.Shape);
            var info = new FusedCallInfo(x, layer.Cell.GetInitialState(1), null, training, false, false, false);
            Assert.Null(layer.Cell.TryFuse(info, out string why));
            return why;
        }
        ActivationFunction.Register("my_act", t => t * 2f);
        Assert.Equal("custom activation 'my_act'", Reason(new Lstm(2, recurrentActivation: "my_act"), false));
        Assert.Equal("dropout in training", Reason(new Gru(2, dropout: 0.5f), true));
        Assert.Equal("activation 'elu' has no fused form", Reason(new SimpleRnn(2, activation: "elu"), false));
        // Outside training the dropout rate does not matter: the fused kernel runs.
        var gru = new Gru(2, dropout: 0.5f);
        gru.Build(x.Shape);
        Assert.NotNull(gru.Cell.TryFuse(new FusedCallInfo(x, gru.Cell.GetInitialState(1), null, false, false, false, false), out _));
    }
}
