using Recur.Layers;
using static Recur.Tests.Layers.Recurrent.RecurrentReference;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>
/// Gate order and mask rules against the double-precision reference, with non-symmetric explicit weights (the Keras
/// cases use constant kernels, which cannot tell the gate blocks apart).
/// </summary>
public sealed class RecurrenceNumericsTests
{
    private const int B = 2, T = 4, D = 3, U = 2;

    private static readonly Tensor X = new(Values(B * T * D, 1, 1.5f), B, T, D);

    /// <summary>A layer with explicit random weights and the matching reference step.</summary>
    private static (Rnn Layer, StepFn Step, int States) Make(string kind, bool returnSequences = false, bool returnState = true,
        bool goBackwards = false, bool zeroOutputForMask = false)
    {
        int gates = kind switch { "simple" => 1, "lstm" => 4, _ => 3 };
        var kernel = Values(D * gates * U, 11);
        var recurrent = Values(U * gates * U, 12);
        var bias = Values((kind == "gru" ? 2 : 1) * gates * U, 13);
        Rnn layer = kind switch
        {
            "simple" => new SimpleRnn(U, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
            "lstm" => new Lstm(U, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
            "gru" => new Gru(U, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
            _ => new Gru(U, resetAfter: false, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
        };
        layer.Build(X.Shape);
        var biasShape = kind == "gru" ? new[] { 2, gates * U } : [gates * U];
        layer.SetWeights([new Tensor(kernel, D, gates * U), new Tensor(recurrent, U, gates * U), new Tensor(bias, biasShape)]);
        StepFn step = kind switch
        {
            "simple" => SimpleRnn(kernel, recurrent, bias, U),
            "lstm" => Lstm(kernel, recurrent, bias, U),
            "gru" => Gru(kernel, recurrent, bias, U, resetAfter: true),
            _ => Gru(kernel, recurrent, bias, U, resetAfter: false),
        };
        return (layer, step, kind == "lstm" ? 2 : 1);
    }

    public static TheoryData<string> Kinds => ["simple", "lstm", "gru", "gru_reset_before"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExplicitWeights_MatchReference_PinningGateOrder(string kind)
    {
        var (layer, step, n) = Make(kind, returnSequences: true);
        var r = layer.Call(X);
        var (outputs, states) = Run(step, X, Zeros(B, Enumerable.Repeat(U, n).ToArray()));
        AssertSequence(outputs, r[0]);
        for (int i = 0; i < n; i++) AssertClose(states[i], r[1 + i]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void InitialState_SeedsTheRecurrence(string kind)
    {
        var (layer, step, n) = Make(kind);
        var init = Enumerable.Range(0, n).Select(i => new Tensor(Values(B * U, 20 + i), B, U)).ToList();
        var r = layer.Call(X, init);
        var reference = init.Select(t => Enumerable.Range(0, B).Select(b => t.ToArray()[(b * U)..((b + 1) * U)].Select(v => (double)v).ToArray()).ToArray()).ToArray();
        var (outputs, states) = Run(step, X, reference);
        AssertClose(outputs[^1], r[0]);
        for (int i = 0; i < n; i++) AssertClose(states[i], r[1 + i]);
    }

    public static TheoryData<string, bool, bool> MaskVariants()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var kind in new[] { "simple", "lstm", "gru" })
            foreach (bool back in new[] { false, true })
                foreach (bool zero in new[] { false, true })
                    data.Add(kind, back, zero);
        return data;
    }

    // Sample 0: middle step masked; sample 1: first and last steps masked.
    private static readonly bool[,] Mask = { { true, false, true, true }, { false, true, true, false } };

    [Theory]
    [MemberData(nameof(MaskVariants))]
    public void Mask_HoldsStatesAndRepeatsOrZeroesOutputs(string kind, bool goBackwards, bool zeroOutputForMask)
    {
        var (layer, step, n) = Make(kind, returnSequences: true, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask);
        var r = layer.Call(X, mask: Tensor.FromMask(Mask));
        var (outputs, states) = Run(step, X, Zeros(B, Enumerable.Repeat(U, n).ToArray()), Mask, goBackwards, zeroOutputForMask);
        AssertSequence(outputs, r[0]);
        for (int i = 0; i < n; i++) AssertClose(states[i], r[1 + i]);
    }

    [Fact]
    public void MaskedFirstStep_OutputsZerosBeforeTheFirstValidStep()
    {
        var (layer, _, _) = Make("lstm", returnSequences: true);
        var y = layer.Call(X, mask: Tensor.FromMask(Mask))[0];
        // Sample 1, step 0 is masked and first: zeros (the TF rule), not the initial h.
        Assert.Equal([0f, 0f], y.ToArray().AsSpan(1 * T * U, U).ToArray());
    }

    [Fact]
    public void FullyMaskedSample_KeepsItsInitialStateAndOutputsZeros()
    {
        var (layer, _, _) = Make("gru");
        var init = new Tensor([0.3f, -0.2f, 0.5f, 0.1f], B, U);
        var mask = new bool[,] { { true, true, true, true }, { false, false, false, false } };
        var r = layer.Call(X, [init], Tensor.FromMask(mask));
        Assert.Equal([0f, 0f], r[0].ToArray()[U..]);
        Assert.Equal([0.5f, 0.1f], r[1].ToArray()[U..]);
    }

    [Fact]
    public void ZeroOutputForMask_WithoutSequences_ReturnsZerosWhileTheStateIsNot()
    {
        var (layer, step, _) = Make("simple", zeroOutputForMask: true);
        var r = layer.Call(X, mask: Tensor.FromMask(Mask));
        var (_, states) = Run(step, X, Zeros(B, U), Mask, zeroOutputForMask: true);
        Assert.Equal([0f, 0f], r[0].ToArray()[U..]);
        AssertClose(states[0], r[1]);
        Assert.Contains(r[1].ToArray()[U..], v => v != 0f);
    }

    [Fact]
    public void GoBackwards_ReturnsTheSequenceInProcessingOrder()
    {
        var (forward, _, _) = Make("simple", returnSequences: true, returnState: false);
        var (backward, _, _) = Make("simple", returnSequences: true, returnState: false, goBackwards: true);
        var reversed = new Tensor(Enumerable.Range(0, B).SelectMany(b => Enumerable.Range(0, T).Reverse()
            .SelectMany(t => X.ToArray().AsSpan((b * T + t) * D, D).ToArray())).ToArray(), B, T, D);
        Assert.Equal(forward.Call(reversed)[0].ToArray(), backward.Call(X)[0].ToArray());
    }

    [Fact]
    public void Unroll_GivesTheLoopsNumbers()
    {
        var (loop, _, _) = Make("lstm");
        var unrolled = new Lstm(U, returnState: true, unroll: true);
        unrolled.Build(X.Shape);
        unrolled.SetWeights(loop.GetWeights());
        Assert.Equal(loop.Call(X)[0].ToArray(), unrolled.Call(X)[0].ToArray());
        Assert.Throws<ArgumentException>(() => new SimpleRnn(2, unroll: true).Build(new int?[] { 2, null, 3 }));
    }

    [Fact]
    public void UnitForgetBias_MakesTheForgetBlockExactlyOne()
    {
        var layer = new Lstm(2, biasInitializer: new Constant(0.03f));
        layer.Build([1, 1, 3]);
        Assert.Equal([0.03f, 0.03f, 1f, 1f, 0.03f, 0.03f, 0.03f, 0.03f], layer.Weights[2].Value.ToArray());
    }

    [Fact]
    public void Stacked_FeedsEachCellsOutputToTheNext()
    {
        var first = new SimpleRnnCell(3, kernelInitializer: new Constant(0.1f), recurrentInitializer: new Constant(0.2f), biasInitializer: new Constant(0.05f));
        var second = new LstmCell(2, kernelInitializer: new Constant(0.3f), recurrentInitializer: new Constant(-0.1f));
        var stacked = new Rnn([first, second], returnState: true);
        var r = stacked.Call(X);
        Assert.Equal([new StateGroup(0, 1, false), new StateGroup(1, 2, true)], stacked.StateGroups);
        Assert.Equal(4, r.Count);
        var single1 = new Rnn(new SimpleRnnCell(3, kernelInitializer: new Constant(0.1f), recurrentInitializer: new Constant(0.2f), biasInitializer: new Constant(0.05f)), returnSequences: true);
        var single2 = new Rnn(new LstmCell(2, kernelInitializer: new Constant(0.3f), recurrentInitializer: new Constant(-0.1f)));
        // Stacked cells always step through the generic loop; the single layers would take the fused kernels, whose
        // summation order differs in the last bits, so they run the generic loop too and the comparison stays exact.
        using (RnnPaths.Force(genericLoop: true))
            Assert.Equal(single2.Call(single1.Call(X)[0])[0].ToArray(), r[0].ToArray());
    }
}
