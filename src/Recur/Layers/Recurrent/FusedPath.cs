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
    bool ZeroOutputForMask);

/// <summary>A chosen fused kernel for one call; returns the same result as the generic loop.</summary>
internal abstract class FusedPlan
{
    public abstract SequenceResult Run(in FusedCallInfo info);
}
