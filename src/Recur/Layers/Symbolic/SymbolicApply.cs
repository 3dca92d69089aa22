namespace Recur.Layers;

/// <summary>Applies layers to <see cref="SymbolicTensor"/>s: builds the layer from the input shapes and returns symbolic outputs
/// shaped by <see cref="Layer.ComputeOutputShape(int?[])"/>. Keras: calling a layer on a <c>KerasTensor</c>.</summary>
public static class SymbolicApply
{
    /// <summary>Applies <paramref name="layer"/> and returns its only output (use <see cref="ApplyAll(Layer, SymbolicTensor[])"/> for several outputs).</summary>
    public static SymbolicTensor Apply(this Layer layer, params SymbolicTensor[] inputs)
    {
        var outputs = layer.ApplyAll(inputs);
        if (outputs.Count != 1)
            throw new InvalidOperationException(
                $"{layer.KerasClassName} '{layer.Name}' returns {outputs.Count} outputs; use ApplyAll to receive all of them.");
        return outputs[0];
    }

    /// <summary>
    /// Applies a recurrent layer with symbolic initial states (Keras: <c>layer(x, initial_state=[h, c])</c>), e.g. a decoder
    /// started from an encoder's final states; returns all outputs.
    /// </summary>
    public static IReadOnlyList<SymbolicTensor> ApplyAll(this Layer layer, SymbolicTensor inputs, IReadOnlyList<SymbolicTensor> initialState)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(initialState);
        if (!layer.Built) layer.Build(inputs.Shape);
        else layer.InputSpec?.Check($"{layer.KerasClassName} '{layer.Name}'", inputs.Shape);
        var node = new LayerNode(layer, [inputs, .. initialState]) { StateInputs = initialState.Count };
        node.Outputs = layer.ComputeOutputShape(inputs.Shape).Select((s, i) => new SymbolicTensor(s, node, i)).ToList();
        return node.Outputs;
    }

    /// <summary>As <see cref="ApplyAll(Layer, SymbolicTensor, IReadOnlyList{SymbolicTensor})"/>, returning the first output.</summary>
    public static SymbolicTensor Apply(this Layer layer, SymbolicTensor inputs, IReadOnlyList<SymbolicTensor> initialState) =>
        layer.ApplyAll(inputs, initialState)[0];

    /// <summary>Applies <paramref name="layer"/> and returns all its outputs in Keras order (output, then states).</summary>
    public static IReadOnlyList<SymbolicTensor> ApplyAll(this Layer layer, params SymbolicTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException($"{layer.KerasClassName} '{layer.Name}': expected at least one input; received none.");
        var shapes = inputs.Select(t => t.Shape).ToList();
        if (!layer.Built) layer.Build(shapes[0]);
        else layer.InputSpec?.Check($"{layer.KerasClassName} '{layer.Name}'", shapes[0]);
        var outShapes = layer is IMultiInputLayer multi ? multi.ComputeOutputShape(shapes) : layer.ComputeOutputShape(shapes[0]);
        var node = new LayerNode(layer, inputs);
        node.Outputs = outShapes.Select((s, i) => new SymbolicTensor(s, node, i)).ToList();
        return node.Outputs;
    }
}
