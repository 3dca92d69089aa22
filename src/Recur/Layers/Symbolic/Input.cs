namespace Recur.Layers;

/// <summary>
/// The symbolic input of a model: <c>new Input(shape: [5, 10])</c> is a tensor of shape <c>[null, 5, 10]</c> produced by an
/// <see cref="InputLayer"/>. Keras: <c>keras.Input</c>.
/// </summary>
public sealed class Input : SymbolicTensor
{
    /// <param name="shape">The shape of one sample (without the batch axis); null entries are unknown.</param>
    /// <param name="batchSize">A fixed batch size, or null.</param>
    /// <param name="name">The input layer's name (default <c>input_layer</c>, made unique).</param>
    public Input(int?[] shape, int? batchSize = null, string? name = null)
        : base([batchSize, .. shape ?? throw new ArgumentNullException(nameof(shape))], null, 0)
    {
        Layer = new InputLayer(shape: shape, batchSize: batchSize, name: name);
        var node = new LayerNode(Layer, []) { Outputs = [this] };
        Producer = node;
    }

    /// <summary>The input of an existing input layer (one read from a config keeps its name and dtype).</summary>
    public Input(InputLayer layer) : base((layer ?? throw new ArgumentNullException(nameof(layer))).BatchShape, null, 0)
    {
        Layer = layer;
        Producer = new LayerNode(Layer, []) { Outputs = [this] };
    }

    /// <summary>The layer that produces this input.</summary>
    public InputLayer Layer { get; }
}
