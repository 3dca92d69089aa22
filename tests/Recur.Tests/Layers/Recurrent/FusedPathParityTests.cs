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
        using (RnnPaths.Force(genericLoop: true)) generic = Run(layer, leaves, x, init, mask, calls);

        Assert.Equal(generic.Length, fused.Length);
        for (int i = 0; i < generic.Length; i++) AssertClose(generic[i], fused[i], i);
    }

    [Fact]
    public void Predicate_DeclinesDropoutInTrainingAndCustomActivations_AndTheGenericLoopRuns()
    {
        var x = GradCheck.Random([2, 3, 4], 1);
        ActivationFunction.Register("fused_parity_custom", t => t * 0.5f);
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
        ActivationFunction? activation = variant switch { "relu_hard_sigmoid" => ActivationFunction.Relu, "linear" => ActivationFunction.Linear, _ => null };
        ActivationFunction? gate = variant switch { "relu_hard_sigmoid" => ActivationFunction.HardSigmoid, "linear" => ActivationFunction.Linear, _ => null };
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

/// <summary>
/// <see cref="Bidirectional"/>'s fused path (both directions in one <see cref="Ops.BidirectionalSequence"/> node) against
/// its two-pass path on the same layer and weights, for every merge mode, mask pattern, initial state, return_sequences
/// and return_state: outputs, states and every gradient. The two-pass path runs each direction through the same fused
/// kernel (the Rnn fast path), and the bidirectional op is bit-identical to two single runs, a flip and a merge, so the
/// comparison is exact. Both are also checked against the generic step loop, to rounding (see
/// <see cref="FusedPathParityTests.AssertClose"/>).
/// </summary>
public sealed class FusedBidirectionalPathParityTests
{
    private const int B = 3, T = 4, D = 5, U = 3;

    public static TheoryData<string, MergeMode, string, bool, bool, bool> Grid()
    {
        var data = new TheoryData<string, MergeMode, string, bool, bool, bool>();
        foreach (var kind in FusedPathParityTests.Kinds)
            foreach (var mode in Enum.GetValues<MergeMode>())
                foreach (var mask in new[] { "none", "right_padded", "arbitrary" })
                    foreach (bool sequences in new[] { true, false })
                        foreach (bool states in new[] { true, false })
                            foreach (bool initial in new[] { true, false })
                                data.Add(kind, mode, mask, sequences, states, initial);
        return data;
    }

    [Theory, MemberData(nameof(Grid))]
    public void FusedMatchesTwoPass(string kind, MergeMode mode, string maskKind, bool sequences, bool states, bool initial)
    {
        Layer template = kind switch
        {
            "simple" => new SimpleRnn(U, returnSequences: sequences, returnState: states),
            "lstm" => new Lstm(U, returnSequences: sequences, returnState: states),
            _ => new Gru(U, resetAfter: kind == "gru", returnSequences: sequences, returnState: states),
        };
        var layer = new Bidirectional(template, mode);
        var x = GradCheck.Random([B, T, D], 1);
        layer.Build(x.Shape);
        layer.SetWeights(layer.Weights.Select((w, i) => GradCheck.Random(w.Shape, 10 + i, 0.6f)).ToList());
        var mask = maskKind switch
        {
            "right_padded" => FusedPathParityTests.RightPadded(B, T),
            "arbitrary" => FusedPathParityTests.Arbitrary(B, T),
            _ => null,
        };
        int stateCount = kind == "lstm" ? 2 : 1;
        var init = initial ? Enumerable.Range(0, 2 * stateCount).Select(i => GradCheck.Random([B, U], 20 + i, 0.8f)).ToArray() : null;
        Tensor[] leaves = [x, .. layer.Weights.Select(w => w.Value), .. init ?? []];
        var options = new CallOptions { Mask = mask, InitialState = init };

        Assert.NotNull(layer.TryFuse(x, options, out var why));
        Assert.Equal("", why);

        var fused = Run(layer, leaves, x, options);
        float[][] twoPass, generic;
        using (RnnPaths.Force(twoPass: true)) twoPass = Run(layer, leaves, x, options);
        using (RnnPaths.Force(genericLoop: true, twoPass: true)) generic = Run(layer, leaves, x, options);

        Assert.Equal(twoPass.Length, fused.Length);
        for (int i = 0; i < twoPass.Length; i++) Assert.Equal(twoPass[i], fused[i]);
        for (int i = 0; i < generic.Length; i++) FusedPathParityTests.AssertClose(generic[i], fused[i], i);
    }

    /// <summary>Every returned tensor, then the gradient of a fixed weighted sum of them for every leaf.</summary>
    private static float[][] Run(Bidirectional layer, Tensor[] leaves, Tensor x, CallOptions options)
    {
        foreach (var l in leaves) { l.RequiresGrad = true; l.ZeroGrad(); }
        var outputs = layer.Invoke([x], options);
        Tensor loss = Tensor.Scalar(0f);
        for (int i = 0; i < outputs.Count; i++) loss += Ops.Sum(outputs[i] * GradCheck.Random(outputs[i].Shape, 100 + i));
        loss.Backward();
        return [.. outputs.Select(o => o.ToArray()), .. leaves.Select(l => l.Grad?.ToArray() ?? [])];
    }
}
