using Recur.Kernels.Recurrent;

namespace Recur.Layers;

/// <summary>What a recurrent call computed, whichever path ran: the output sequence (in processing order; null unless
/// requested), the last emitted output and the final states (flat, Keras order).</summary>
internal sealed record SequenceResult(Tensor? Outputs, Tensor Last, IReadOnlyList<Tensor> States);

/// <summary>Everything a fused whole-sequence kernel needs to know about one call.</summary>
internal readonly record struct FusedCallInfo(
    Tensor Inputs,
    IReadOnlyList<Tensor> InitialStates,
    bool[]? Mask,
    bool Training,
    bool GoBackwards,
    bool ReturnSequences,
    bool ZeroOutputForMask)
{
    /// <summary>The mask as a <c>[B, T]</c> tensor of ones (valid) and zeros, as the fused ops take it; null without one.</summary>
    public Tensor? MaskTensor()
    {
        if (Mask is not { } rows) return null;
        var data = new float[rows.Length];
        for (int i = 0; i < data.Length; i++) data[i] = rows[i] ? 1f : 0f;
        return new Tensor(data, Inputs.Dims[0], Inputs.Dims[1]);
    }
}

/// <summary>A chosen fused kernel for one call; returns the same result as the generic loop.</summary>
internal abstract class FusedPlan
{
    public abstract SequenceResult Run(in FusedCallInfo info);
}

/// <summary>
/// A built-in cell's whole-sequence kernel (<see cref="Ops.LstmSequence"/>, <see cref="Ops.GruSequence"/>,
/// <see cref="Ops.SimpleRnnSequence"/>) with the cell's weights and activations; only <see cref="StandardRnnCell.TryFuse"/>
/// creates it, after checking every precondition.
/// </summary>
/// <param name="kind">Which fused kernel.</param>
/// <param name="kernel"><c>kernel</c> <c>[D, G·U]</c>.</param>
/// <param name="recurrentKernel"><c>recurrent_kernel</c> <c>[U, G·U]</c>.</param>
/// <param name="bias"><c>bias</c>, or null without <c>use_bias</c>.</param>
/// <param name="options">Activations and GRU reset_after; direction and masking are set per call.</param>
internal sealed class CellSequencePlan(FusedCell kind, Tensor kernel, Tensor recurrentKernel, Tensor? bias, SequenceOptions options) : FusedPlan
{
    public FusedCell Kind => kind;

    /// <summary>The weights, initial states (<c>[h]</c> or <c>[h, c]</c>) and options of one direction of a bidirectional run.</summary>
    public DirectionWeights Direction(in FusedCallInfo info) =>
        Weights(info.ZeroOutputForMask) with { H0 = info.InitialStates[0], C0 = kind == FusedCell.Lstm ? info.InitialStates[1] : null };

    /// <summary>The weights and options with zero initial states (null); direction and layout are set per run.</summary>
    public DirectionWeights Weights(bool zeroOutputForMask) =>
        new(kernel, recurrentKernel, bias, null, null, options with { ZeroOutputForMask = zeroOutputForMask });

    public override SequenceResult Run(in FusedCallInfo info)
    {
        var o = options with { Reverse = info.GoBackwards, ZeroOutputForMask = info.ZeroOutputForMask };
        var (x, s, mask) = (info.Inputs, info.InitialStates, info.MaskTensor());
        var r = kind switch
        {
            FusedCell.Lstm => Ops.LstmSequence(x, kernel, recurrentKernel, bias, s[0], s[1], mask, o),
            FusedCell.Gru => Ops.GruSequence(x, kernel, recurrentKernel, bias, s[0], mask, o),
            _ => Ops.SimpleRnnSequence(x, kernel, recurrentKernel, bias, s[0], mask, o),
        };
        // Keras order (processing order), as the generic loop stacks it.
        return new SequenceResult(info.ReturnSequences ? r.Outputs : null, r.LastOutput, r.States);
    }
}

/// <summary>
/// Test-only switches, scoped to the current async flow: while <see cref="ForceGenericLoop"/> is true,
/// <see cref="StandardRnnCell.TryFuse"/> declines and <see cref="Rnn"/> steps through the generic loop; while
/// <see cref="ForceTwoPass"/> is true, <see cref="Bidirectional.TryFuse"/> declines and the two directions run as two
/// sub-layer calls (each still free to take its own fused kernel). The parity tests use them to compare the paths on the
/// same layer and weights; nothing else sets them.
/// </summary>
internal static class RnnPaths
{
    private static readonly AsyncLocal<bool> GenericLoop = new();
    private static readonly AsyncLocal<bool> TwoPass = new();

    public static bool ForceGenericLoop
    {
        get => GenericLoop.Value;
        set => GenericLoop.Value = value;
    }

    public static bool ForceTwoPass
    {
        get => TwoPass.Value;
        set => TwoPass.Value = value;
    }

    /// <summary>Forces the chosen paths until the returned scope is disposed, then restores the previous settings.</summary>
    public static IDisposable Force(bool genericLoop = false, bool twoPass = false)
    {
        var restore = new Restore(ForceGenericLoop, ForceTwoPass);
        ForceGenericLoop |= genericLoop;
        ForceTwoPass |= twoPass;
        return restore;
    }

    private sealed class Restore(bool genericLoop, bool twoPass) : IDisposable
    {
        public void Dispose() => (ForceGenericLoop, ForceTwoPass) = (genericLoop, twoPass);
    }
}
