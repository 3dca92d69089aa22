using Recur.Kernels;
using Recur.Kernels.Recurrent;

namespace Recur;

/// <summary>
/// Forward-only fused recurrences into caller memory, for inference plans: the kernels behind <see cref="Ops.LstmSequence"/>,
/// <see cref="Ops.GruSequence"/>, <see cref="Ops.SimpleRnnSequence"/> and <see cref="Ops.BidirectionalSequence"/>, run
/// with the options those ops use, so the numbers are theirs bit for bit. Zero initial states, no mask, no autograd,
/// no final states; nothing is allocated (the kernels rent their scratch).
/// </summary>
internal static class SequenceInference
{
    /// <summary>
    /// One direction over <paramref name="x"/> <c>[B, T, D]</c> with <paramref name="options"/> as given (layout included);
    /// an empty <paramref name="outputs"/> or <paramref name="last"/> <c>[B, H]</c> is not wanted.
    /// </summary>
    public static void Forward(FusedCell cell, in SequenceShape s, in SequenceOptions options, DirectionWeights w, ReadOnlySpan<float> x,
        Span<float> outputs, Span<float> last) =>
        FusedRecurrence.Forward((FusedRecurrence.Cell)(int)cell, s, options, x, w.Kernel.AsReadOnlySpan(), w.RecurrentKernel.AsReadOnlySpan(),
            w.Bias is null ? default : w.Bias.AsReadOnlySpan(), default, default, default, outputs, last, default, default, default);

    /// <summary>
    /// Both directions of a bidirectional layer at the same time on two cores (single-threaded GEMMs each), as
    /// <see cref="Ops.BidirectionalSequence"/> runs them: the backward sequence is written at input time; with
    /// <paramref name="concat"/> both sequences go into one <c>[B, T, 2H]</c> buffer (pass it as both outputs), else each
    /// into its own <c>[B, T, H]</c>. Empty outputs or lasts (<c>[B, H]</c>) are not wanted.
    /// </summary>
    public static void Bidirectional(FusedCell cell, in SequenceShape s, DirectionWeights forward, DirectionWeights backward, bool concat,
        ReadOnlyMemory<float> x, Memory<float> forwardOutputs, Memory<float> forwardLast, Memory<float> backwardOutputs, Memory<float> backwardLast)
    {
        var f = new Direction(forward, FusedBidirectional.DirectionOptions(forward.Options, s.Units, reverse: false, concat), forwardOutputs, forwardLast);
        var b = new Direction(backward, FusedBidirectional.DirectionOptions(backward.Options, s.Units, reverse: true, concat), backwardOutputs, backwardLast);
        Parallelism.Run2(new Directions(cell, s, x, f, b));
    }

    private readonly record struct Direction(DirectionWeights Weights, SequenceOptions Options, Memory<float> Outputs, Memory<float> Last);

    private readonly struct Directions(FusedCell cell, SequenceShape s, ReadOnlyMemory<float> x, Direction forward, Direction backward)
        : IForkJoinBody
    {
        public void Run(int part)
        {
            var d = part == 0 ? forward : backward;
            Forward(cell, s, d.Options, d.Weights, x.Span, d.Outputs.Span, d.Last.Span);
        }
    }
}
