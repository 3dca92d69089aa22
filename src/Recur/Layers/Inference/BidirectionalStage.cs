using System.Buffers;
using System.Numerics.Tensors;
using Recur.Kernels.Recurrent;

namespace Recur.Layers;

/// <summary>
/// A bidirectional layer's fused path as an inference stage: both directions at once (<see cref="SequenceInference.Bidirectional"/>),
/// then the layer's merge. Concatenated sequences are written in place; other results pass through scratch rented
/// from the shared pool, and the merge is the element-wise arithmetic of <see cref="Bidirectional"/>'s own merge.
/// </summary>
internal sealed class BidirectionalStage : InferenceStage
{
    private readonly FusedCell _kind;
    private readonly DirectionWeights _forward, _backward;
    private readonly MergeMode _mode;
    private readonly bool _returnSequences;

    /// <summary>Directions with <paramref name="forward"/> and <paramref name="backward"/> weights (no initial states), merged by <paramref name="mode"/>.</summary>
    public BidirectionalStage(int[] inputShape, FusedCell kind, DirectionWeights forward, DirectionWeights backward, MergeMode mode,
        bool returnSequences)
        : base(inputShape, OutputOf(inputShape, forward.RecurrentKernel.Dims[0], mode, returnSequences))
    {
        (_kind, _forward, _backward, _mode, _returnSequences) = (kind, forward, backward, mode, returnSequences);
    }

    private static int[] OutputOf(int[] inputShape, int units, MergeMode mode, bool returnSequences)
    {
        int width = mode == MergeMode.Concat ? 2 * units : units;
        return returnSequences ? [inputShape[0], width] : [width];
    }

    private int Units => _forward.RecurrentKernel.Dims[0];

    public override void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y)
    {
        var s = new SequenceShape(batch, InputShape[0], InputShape[1], Units);
        bool concat = _mode == MergeMode.Concat;
        if (concat && _returnSequences)
        {
            SequenceInference.Bidirectional(_kind, s, _forward, _backward, concat: true, x, y, default, y, default);
            return;
        }
        // One direction's result: [B, T, H] sequences or [B, H] last outputs. The forward one goes straight into y
        // unless the halves are concatenated.
        int size = _returnSequences ? s.Rows * s.Units : batch * s.Units;
        var scratch = ArrayPool<float>.Shared.Rent(concat ? 2 * size : size);
        try
        {
            Memory<float> f = concat ? scratch.AsMemory(size, size) : y, b = scratch.AsMemory(0, size);
            if (_returnSequences) SequenceInference.Bidirectional(_kind, s, _forward, _backward, concat: false, x, f, default, b, default);
            else SequenceInference.Bidirectional(_kind, s, _forward, _backward, concat: false, x, default, f, default, b);
            Merge(f.Span, b.Span, y.Span, s.Units);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    // Bidirectional.MergeOutputs on spans: concat copies rows; sum, mul and ave are its element-wise ops, in place in y (= f).
    private void Merge(ReadOnlySpan<float> f, ReadOnlySpan<float> b, Span<float> y, int units)
    {
        switch (_mode)
        {
            case MergeMode.Concat:
                for (int r = 0; r < f.Length / units; r++)
                {
                    f.Slice(r * units, units).CopyTo(y.Slice(2 * r * units, units));
                    b.Slice(r * units, units).CopyTo(y.Slice((2 * r + 1) * units, units));
                }
                break;
            case MergeMode.Sum:
                TensorPrimitives.Add(f, b, y);
                break;
            case MergeMode.Multiply:
                TensorPrimitives.Multiply(f, b, y);
                break;
            default:
                TensorPrimitives.Add(f, b, y);
                TensorPrimitives.Divide(y, 2f, y);
                break;
        }
    }
}
