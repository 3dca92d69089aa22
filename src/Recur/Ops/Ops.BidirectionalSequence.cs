using Recur.Kernels;
using Recur.Kernels.Recurrent;

namespace Recur;

/// <summary>The weights and initial states of one direction of a fused bidirectional recurrence.</summary>
/// <param name="Kernel"><c>[D, G·H]</c>.</param>
/// <param name="RecurrentKernel"><c>[H, G·H]</c>.</param>
/// <param name="Bias"><c>[G·H]</c> (GRU reset_after: <c>[2, 3H]</c>) or null.</param>
/// <param name="H0">Initial <c>h</c> <c>[B, H]</c> or null (zeros).</param>
/// <param name="C0">Initial LSTM cell state <c>[B, H]</c> or null (zeros).</param>
/// <param name="Options">Activations, GRU reset_after, zero_output_for_mask; direction and layout are set by the op.</param>
public sealed record DirectionWeights(Tensor Kernel, Tensor RecurrentKernel, Tensor? Bias, Tensor? H0, Tensor? C0, SequenceOptions Options);

/// <summary>Results of a fused bidirectional recurrence.</summary>
/// <param name="Concat">The merged sequence <c>[B, T, 2H]</c> (forward features first) when concat was asked for, else null.</param>
/// <param name="Forward">The forward sequence <c>[B, T, H]</c> (null with concat).</param>
/// <param name="Backward">The backward sequence aligned to input time <c>[B, T, H]</c> (null with concat).</param>
/// <param name="ForwardLast">Forward output at its last processed step <c>[B, H]</c>.</param>
/// <param name="BackwardLast">Backward output at its last processed step (input step 0) <c>[B, H]</c>.</param>
/// <param name="ForwardStates">Final forward states.</param>
/// <param name="BackwardStates">Final backward states.</param>
public sealed record BidirectionalResult(Tensor? Concat, Tensor? Forward, Tensor? Backward, Tensor ForwardLast, Tensor BackwardLast,
    Tensor[] ForwardStates, Tensor[] BackwardStates);

public static partial class Ops
{
    /// <summary>
    /// Both directions of a Keras <c>Bidirectional</c> recurrent layer in one op: the forward pass reads the sequence
    /// from the first step, the backward pass from the last, and they run at the same time on two cores (each with
    /// single-threaded GEMMs). The backward sequence is written at input time (Keras's flip is built in); with
    /// <paramref name="concat"/> both halves are written straight into one <c>[B, T, 2H]</c> tensor.
    /// </summary>
    /// <remarks>
    /// Bit-identical to running the two directions separately, flipping and concatenating: every element goes through
    /// the same kernel arithmetic, GEMM results do not depend on the thread count, and the input gradient is the sum
    /// of the two directions' contributions, as autograd forms it.
    /// </remarks>
    public static BidirectionalResult BidirectionalSequence(FusedCell cell, Tensor x, DirectionWeights forward, DirectionWeights backward,
        Tensor? mask = null, bool concat = true) =>
        FusedBidirectional.Run(cell, x, forward, backward, mask, concat);
}

/// <summary>The recurrent cells with fused kernels.</summary>
public enum FusedCell { Lstm, Gru, SimpleRnn }
