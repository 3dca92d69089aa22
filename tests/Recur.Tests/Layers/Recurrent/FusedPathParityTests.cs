using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>
/// The fused whole-sequence kernels that <see cref="Rnn"/> now takes (<see cref="StandardRnnCell"/>'s predicate) against
/// the generic step loop on the same layer and weights: outputs, final states and every gradient (inputs, kernel,
/// recurrent_kernel, bias, initial states). The generic loop composes per-step ops (separate products, bias and gate
/// additions, autograd's accumulation), so its summation order differs from the kernel's: the two agree to rounding,
/// not bit for bit, hence 1e-5 relative (to each tensor's largest magnitude, see <see cref="AssertClose"/>) / 1e-6 absolute.
/// </summary>
public sealed class FusedPathParityTests
{
    public static readonly string[] Kinds = ["simple", "lstm", "gru", "gru_reset_before"];

    /// <summary>What varies besides the shape; each row is one call pattern of the layer.</summary>
    public static readonly string[] Variants =
    [
        "last",                     // return_sequences=False, no mask
        "sequences_states",         // return_sequences + return_state
        "backwards",                // go_backwards + return_sequences + return_state
        "right_padded",             // right-padded mask, return_sequences + return_state
        "arbitrary",                // arbitrary mask with a fully masked sample, go_backwards, return_sequences
        "arbitrary_zero_output",    // the same with zero_output_for_mask and the last output only
        "initial_states",           // given initial states (their gradients too) + mask + go_backwards + return_state
        "no_bias",                  // use_bias=False + mask + return_state
        "relu_hard_sigmoid",        // activation relu, recurrent_activation hard_sigmoid (Keras 3 form)
        "linear",                   // activation linear (and recurrent linear for LSTM/GRU)
        "stateful",                 // stateful: two calls, the second starting from the first's states
        "unroll",                   // unroll=True: same numbers, so it is fused too
    ];

    public static TheoryData<string, int, int, int, int, string> Grid()
    {
        var data = new TheoryData<string, int, int, int, int, string>();
        foreach (var kind in Kinds)
            foreach (int b in new[] { 1, 3 })
                foreach (int t in new[] { 1, 4 })
                    foreach (int d in new[] { 2, 5 })
                        foreach (int u in new[] { 3, 8 })
                            foreach (var variant in Variants)
                                data.Add(kind, b, t, d, u, variant);
        return data;
    }

    [Theory, MemberData(nameof(Grid))]
    public void FusedMatchesGenericLoop(string kind, int batch, int steps, int features, int units, string variant)
    {
        var layer = Make(kind, units, variant, batch);
        var x = GradCheck.Random([batch, steps, features], 1);
        layer.Build(x.Shape);
        // Small weights keep relu/linear recurrences bounded, so the relative tolerance means the same everywhere.
        layer.SetWeights(layer.Weights.Select((w, i) => GradCheck.Random(w.Shape, 10 + i, 0.6f)).ToList());
        var mask = variant switch
        {
            "right_padded" or "initial_states" or "no_bias" or "stateful" => RightPadded(batch, steps),
            "arbitrary" or "arbitrary_zero_output" => Arbitrary(batch, steps),
            _ => null,
        };
        var init = variant == "initial_states"
            ? Enumerable.Range(0, layer.StateCount).Select(i => GradCheck.Random([batch, units], 20 + i, 0.8f)).ToArray()
            : null;
        Tensor[] leaves = [x, .. layer.Weights.Select(w => w.Value), .. init ?? []];
        int calls = variant == "stateful" ? 2 : 1;

        // The predicate must accept this call, or the comparison would be generic against generic.
        Assert.NotNull(layer.Cell.TryFuse(layer.PrepareCall(x, new CallOptions { Mask = mask, InitialState = init }), out var why));
        Assert.Equal("", why);

        var fused = Run(layer, leaves, x, init, mask, calls);
        float[][] generic;
        using (RnnPaths.Generic()) generic = Run(layer, leaves, x, init, mask, calls);

        Assert.Equal(generic.Length, fused.Length);
        for (int i = 0; i < generic.Length; i++) AssertClose(generic[i], fused[i], i);
    }

    [Fact]
    public void Predicate_DeclinesDropoutInTrainingAndCustomActivations_AndTheGenericLoopRuns()
    {
        var x = GradCheck.Random([2, 3, 4], 1);
        Activation.Register("fused_parity_custom", t => t * 0.5f);
        var cases = new (Rnn Layer, bool Training, string Why)[]
        {
            (new Lstm(3, dropout: 0.3f, seed: 1), true, "dropout in training"),
            (new Gru(3, recurrentDropout: 0.3f, seed: 1), true, "dropout in training"),
            (new SimpleRnn(3, dropout: 1f, seed: 1), true, "dropout in training"),     // SimpleRNN applies a rate of 1 too
            (new Lstm(3, activation: "fused_parity_custom"), false, "custom activation 'fused_parity_custom'"),
            (new Gru(3, recurrentActivation: "fused_parity_custom"), false, "custom activation 'fused_parity_custom'"),
            (new SimpleRnn(3, activation: "softsign"), false, "activation 'softsign' has no fused form"),
            (new Rnn(new StackedRnnCells([new LstmCell(3), new GruCell(3)])), false, "no fused kernel for this cell"),
        };
        foreach (var (layer, training, expected) in cases)
        {
            layer.Build(x.Shape);
            Assert.Null(layer.Cell.TryFuse(layer.PrepareCall(x, new CallOptions { Training = training }), out var why));
            Assert.Equal(expected, why);
            // The generic loop then runs: the same numbers as with the fused path forced off (dropout uses a fixed seed).
            var viaCall = layer.Call(x, training: training)[0].ToArray();
            Assert.All(viaCall, v => Assert.True(float.IsFinite(v)));
        }

        // Dropout outside training, or a rate of exactly 1 in LSTM/GRU (which the step ignores, as Keras does), is fused.
        foreach (var (layer, training) in new (Rnn, bool)[] { (new Lstm(3, dropout: 0.3f), false), (new Lstm(3, dropout: 1f), true), (new Gru(3, recurrentDropout: 1f), true) })
        {
            layer.Build(x.Shape);
            Assert.NotNull(layer.Cell.TryFuse(layer.PrepareCall(x, new CallOptions { Training = training }), out _));
        }
    }

    [Fact]
    public void DeclinedCall_RunsTheGenericLoop_WithDropoutMasksApplied()
    {
        // Dropout in training: the generic loop applies the masks, so training and inference differ; the fused path could not.
        var x = GradCheck.Random([2, 3, 4], 2);
        var layer = new Lstm(3, dropout: 0.5f, seed: 3);
        layer.Build(x.Shape);
        Assert.NotEqual(layer.Call(x)[0].ToArray(), layer.Call(x, training: true)[0].ToArray());
    }

    private static Rnn Make(string kind, int units, string variant, int batch)
    {
        bool sequences = variant is not ("last" or "arbitrary_zero_output" or "no_bias" or "stateful");
        bool states = variant is "sequences_states" or "backwards" or "right_padded" or "initial_states" or "no_bias" or "stateful";
        bool backwards = variant is "backwards" or "arbitrary" or "arbitrary_zero_output" or "initial_states";
        bool bias = variant != "no_bias";
        bool stateful = variant == "stateful";
        bool unroll = variant == "unroll";
        bool zeroOutput = variant == "arbitrary_zero_output";
        Activation? activation = variant switch { "relu_hard_sigmoid" => Activation.Relu, "linear" => Activation.Linear, _ => null };
        Activation? gate = variant switch { "relu_hard_sigmoid" => Activation.HardSigmoid, "linear" => Activation.Linear, _ => null };
        Rnn layer = kind switch
        {
            "simple" => new SimpleRnn(units, activation, bias, returnSequences: sequences, returnState: states, goBackwards: backwards,
                stateful: stateful, unroll: unroll),
            "lstm" => new Lstm(units, activation, gate, bias, returnSequences: sequences, returnState: states, goBackwards: backwards,
                stateful: stateful, unroll: unroll),
            _ => new Gru(units, activation, gate, bias, resetAfter: kind == "gru", returnSequences: sequences, returnState: states,
                goBackwards: backwards, stateful: stateful, unroll: unroll),
        };
        layer.ZeroOutputForMask = zeroOutput;
        return layer;
    }

    /// <summary>Sample <c>b</c> has <c>T − (b mod T)</c> valid leading steps (sample 0 is complete).</summary>
    internal static Tensor RightPadded(int batch, int steps)
    {
        var m = new bool[batch, steps];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps - b % steps; t++) m[b, t] = true;
        return Tensor.FromMask(m);
    }

    /// <summary>A fixed scattered pattern; with several samples the last one is fully masked.</summary>
    internal static Tensor Arbitrary(int batch, int steps)
    {
        var m = new bool[batch, steps];
        var rng = new Random(5);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++) m[b, t] = (batch == 1 || b < batch - 1) && rng.NextDouble() < 0.6;
        if (batch > 1 && steps > 1) m[0, steps - 1] = false;   // a masked last step, so zero_output_for_mask shows in the last output
        return Tensor.FromMask(m);
    }

    /// <summary>Every returned tensor of every call, then the gradient of a fixed weighted sum of them for every leaf.</summary>
    private static float[][] Run(Rnn layer, Tensor[] leaves, Tensor x, Tensor[]? init, Tensor? mask, int calls)
    {
        foreach (var l in leaves) { l.RequiresGrad = true; l.ZeroGrad(); }
        layer.ResetStates();
        var outputs = new List<Tensor>();
        for (int c = 0; c < calls; c++) outputs.AddRange(layer.Call(x, init, mask));
        Tensor loss = Tensor.Scalar(0f);
        for (int i = 0; i < outputs.Count; i++) loss += Ops.Sum(outputs[i] * GradCheck.Random(outputs[i].Shape, 100 + i));
        loss.Backward();
        return [.. outputs.Select(o => o.ToArray()), .. leaves.Select(l => l.Grad?.ToArray() ?? [])];
    }

    /// <summary>
    /// Each element within 1e-6 absolute plus 1e-5 relative to the tensor's largest magnitude. Relative to the element
    /// itself would be unfair to elements that are small through cancellation (e.g. GRU with linear gates, whose
    /// gradients reach 1e3 while some entries are 1e-2): a different summation order moves those by an ulp of the large
    /// terms. Measured: the worst difference over the grid is about 4e-7 of the tensor's scale.
    /// </summary>
    internal static void AssertClose(float[] expected, float[] actual, int index)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Length == 0 ? 0 : expected.Max(v => Math.Abs((double)v));
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            if (diff > 1e-6 + 1e-5 * scale)
                Assert.Fail($"result {index}, element {i}: generic {expected[i]:R}, fused {actual[i]:R} (difference {diff:E2}, tensor scale {scale:E2})");
        }
    }
}
