namespace Recur.Layers;

/// <summary>One symbolic call of a layer: which tensors went in and which came out. Keras: <c>Node</c>.</summary>
/// <remarks>A layer applied twice (a shared layer) has two nodes and one set of weights.</remarks>
public sealed class LayerNode
{
    internal LayerNode(Layer layer, IReadOnlyList<SymbolicTensor> inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    public Layer Layer { get; }

    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    public IReadOnlyList<SymbolicTensor> Outputs { get; internal set; } = [];

    /// <summary>How many of the trailing <see cref="Inputs"/> are initial states (Keras's <c>initial_state=</c>), not data inputs.</summary>
    public int StateInputs { get; internal init; }
}
