using Recur.Kernels.Recurrent;

namespace Recur.Layers;

/// <summary>
/// A recurrent layer's fused kernel as an inference stage: samples <c>[T, D]</c> to the output sequence <c>[T, H]</c>
/// (processing order, as the layer returns it) or the last output <c>[H]</c>, from zero initial states.
/// </summary>
internal sealed class RecurrentStage : InferenceStage
{
    private readonly FusedCell _kind;
    private readonly DirectionWeights _weights;
    private readonly SequenceOptions _options;
    private readonly bool _returnSequences;

    /// <summary>The kernel <paramref name="kind"/> with <paramref name="weights"/> (no initial states) on samples of <paramref name="inputShape"/>.</summary>
    public RecurrentStage(int[] inputShape, FusedCell kind, DirectionWeights weights, bool goBackwards, bool returnSequences)
        : base(inputShape, returnSequences ? [inputShape[0], weights.RecurrentKernel.Dims[0]] : [weights.RecurrentKernel.Dims[0]])
    {
        _kind = kind;
        _weights = weights;
        _options = weights.Options with { Reverse = goBackwards };   // what the layer's fused call runs with
        _returnSequences = returnSequences;
    }

    public override void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y)
    {
        var s = new SequenceShape(batch, InputShape[0], InputShape[1], OutputShape[^1]);
        var output = y.Span;
        SequenceInference.Forward(_kind, s, _options, _weights, x.Span, _returnSequences ? output : default, _returnSequences ? default : output);
    }
}
