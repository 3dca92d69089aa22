namespace Recur.Layers;

/// <summary>
/// One layer's inference call as a step of an inference plan: reads a batch of samples from caller memory and writes the
/// layer's output into caller memory, with the kernels and arithmetic of the layer's own call (tested bit-identical),
/// and without tensors, autograd or masks. Only the layer's <see cref="Layer.PlanInference"/> creates one.
/// </summary>
/// <remarks>A stage holds the layer's weight tensors, which training, <c>SetWeights</c> and weight loading update in
/// place, so every run reads the current values; it holds no buffers, so concurrent runs are safe.</remarks>
internal abstract class InferenceStage
{
    /// <summary>A stage for samples of <paramref name="inputShape"/> giving samples of <paramref name="outputShape"/> (no batch axis).</summary>
    protected InferenceStage(int[] inputShape, int[] outputShape)
    {
        InputShape = inputShape;
        OutputShape = outputShape;
        InputSize = Shapes.Size(inputShape);
        OutputSize = Shapes.Size(outputShape);
    }

    /// <summary>The shape of one input sample.</summary>
    public int[] InputShape { get; }

    /// <summary>The shape of one output sample.</summary>
    public int[] OutputShape { get; }

    /// <summary>Floats in one input sample.</summary>
    public int InputSize { get; }

    /// <summary>Floats in one output sample.</summary>
    public int OutputSize { get; }

    /// <summary>True for a layer that returns its input unchanged at inference (the plan drops it).</summary>
    public virtual bool IsIdentity => false;

    /// <summary>
    /// Computes <paramref name="batch"/> samples: <paramref name="x"/> holds <c>batch · InputSize</c> floats and
    /// <paramref name="y"/> <c>batch · OutputSize</c>, which the stage overwrites; the two never overlap.
    /// </summary>
    public abstract void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y);

    /// <summary>The stage of a layer that is the identity at inference (<see cref="Dropout"/>).</summary>
    public static InferenceStage Identity(int[] shape) => new IdentityStage(shape);

    private sealed class IdentityStage(int[] shape) : InferenceStage(shape, shape)
    {
        public override bool IsIdentity => true;

        public override void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y) => x.CopyTo(y);
    }
}
