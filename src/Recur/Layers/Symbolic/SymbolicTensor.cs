namespace Recur.Layers;

/// <summary>
/// A placeholder for a tensor whose values are not known yet, only its shape (null = unknown dimension). Keras:
/// <c>KerasTensor</c>. Applying a layer to one records a <see cref="LayerNode"/>, from which models are built.
/// </summary>
public class SymbolicTensor
{
    internal SymbolicTensor(int?[] shape, LayerNode? producer, int outputIndex)
    {
        Shape = (int?[])shape.Clone();
        Producer = producer;
        OutputIndex = outputIndex;
    }

    /// <summary>The shape including the batch axis, e.g. <c>[null, 5, 10]</c>.</summary>
    public int?[] Shape { get; }

    /// <summary>Rank of the tensor.</summary>
    public int Rank => Shape.Length;

    /// <summary>The layer call that produces this tensor (an <see cref="InputLayer"/> call for model inputs).</summary>
    public LayerNode? Producer { get; internal set; }

    /// <summary>Which output of <see cref="Producer"/> this is.</summary>
    public int OutputIndex { get; }

    public override string ToString() => $"<SymbolicTensor shape={InputSpec.Format(Shape)}, source={Producer?.Layer.Name}>";
}
