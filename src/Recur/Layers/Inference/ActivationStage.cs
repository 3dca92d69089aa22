namespace Recur.Layers;

/// <summary>An <see cref="Activation"/> layer as an inference stage: the function's span form, same shape in and out.</summary>
internal sealed class ActivationStage(int[] shape, ActivationFunction function) : InferenceStage(shape, shape)
{
    public override void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y) => function.Apply(x.Span, y.Span, InputShape[^1]);
}
