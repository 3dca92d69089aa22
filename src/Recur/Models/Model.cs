using Recur.Layers;

namespace Recur.Models;

/// <summary>
/// A graph of layers from symbolic inputs to symbolic outputs, trainable as a whole. Keras: <c>keras.Model</c> (functional).
/// </summary>
/// <remarks>Layers may be shared (one layer, several calls, one set of weights); masks flow along the graph at run time
/// through <see cref="Tensor.KerasMask"/>. Weights are reported in the order the layers appear in <see cref="Layers"/>.</remarks>
public partial class Model : Layer
{
    private List<LayerNode> _nodes = [];
    private IReadOnlyList<Layer>? _layerOrder;

    /// <summary>A model with one input and one output.</summary>
    public Model(SymbolicTensor inputs, SymbolicTensor outputs, string? name = null) : this([inputs], [outputs], name) { }

    /// <summary>A model with several inputs and/or outputs (Keras order is kept).</summary>
    public Model(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count == 0 || outputs.Count == 0) throw new ArgumentException("Model: expected at least one input and one output.");
        SetGraph(inputs, outputs);
    }

    /// <summary>A model whose <see cref="Layers"/> follow <paramref name="layerOrder"/> (a config's order, which fixes the weight
    /// order and the weight-file paths) rather than the graph walk's.</summary>
    internal Model(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string? name, IReadOnlyList<Layer> layerOrder)
        : base(name)
    {
        if (inputs.Count == 0 || outputs.Count == 0) throw new ArgumentException("Model: expected at least one input and one output.");
        _layerOrder = layerOrder;
        SetGraph(inputs, outputs);
    }

    /// <summary>For subclasses that define the graph later (<see cref="Sequential"/>).</summary>
    protected Model(string? name) : base(name) { }

    /// <summary>The symbolic inputs.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs { get; private set; } = [];

    /// <summary>The symbolic outputs.</summary>
    public IReadOnlyList<SymbolicTensor> Outputs { get; private set; } = [];

    /// <summary>The layers in graph order, input layers included (as Keras lists them for functional models).</summary>
    public virtual IReadOnlyList<Layer> Layers
    {
        get
        {
            var inGraph = _nodes.Select(n => n.Layer).Distinct().ToList();
            if (_layerOrder is null) return inGraph;
            var set = inGraph.ToHashSet(ReferenceEqualityComparer.Instance);
            return _layerOrder.Where(set.Contains).Concat(inGraph.Where(l => !_layerOrder.Contains(l))).ToList();
        }
    }

    /// <summary>The layer calls in execution order.</summary>
    internal IReadOnlyList<LayerNode> Nodes => _nodes;

    public override string KerasClassName => "Functional";

    /// <summary>Connects the graph: orders the layer calls, tracks the layers' weights, and marks the model built.</summary>
    protected void SetGraph(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs)
    {
        var order = new List<LayerNode>();
        var seen = new HashSet<LayerNode>(ReferenceEqualityComparer.Instance);
        foreach (var o in outputs) Visit(o.Producer ?? throw new ArgumentException("Model: an output was not produced by a layer."), order, seen);
        foreach (var node in order.Where(n => n.Inputs.Count == 0))
            if (!inputs.Contains(node.Outputs[0]))
                throw new ArgumentException(
                    $"Model: graph disconnected: an output depends on the input '{node.Layer.Name}', which is not among the model's inputs.");
        foreach (var old in _nodes.Select(n => n.Layer).Distinct().ToList()) Untrack(old);
        _nodes = order;
        // Re-track every layer in layer order, whatever was tracked before: the weights must follow the layers
        // (Keras's get_weights order, which weight files use by position).
        var layers = Layers;
        foreach (var layer in layers) Untrack(layer);
        foreach (var layer in layers) Track(layer);
        Inputs = inputs;
        Outputs = outputs;
        ForgetInferencePlan();
        MarkBuilt(inputs[0].Shape);
    }

    // Post-order depth-first walk: every producer comes before its consumers.
    private static void Visit(LayerNode node, List<LayerNode> order, HashSet<LayerNode> seen)
    {
        if (!seen.Add(node)) return;
        foreach (var input in node.Inputs) Visit(input.Producer!, order, seen);
        order.Add(node);
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"Model '{Name}' expects {Inputs.Count} input(s); received {inputs.Count}.");
        var values = new Dictionary<SymbolicTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Count; i++)
        {
            values[Inputs[i]] = inputs[i];
            CheckInputShape(Inputs[i], inputs[i]);
        }
        if (options.Mask is not null && inputs[0].KerasMask is null) inputs[0].KerasMask = options.Mask;
        foreach (var node in _nodes)
        {
            if (node.Inputs.Count == 0) continue;
            var args = node.Inputs.Select(t => values[t]).ToList();
            int data = args.Count - node.StateInputs;
            var outs = node.Layer.Invoke(args.Take(data).ToList(), new CallOptions
            {
                Training = options.Training,
                InitialState = node.StateInputs > 0 ? args.Skip(data).ToList() : null,
            });
            for (int i = 0; i < node.Outputs.Count; i++) values[node.Outputs[i]] = outs[i];
        }
        return Outputs.Select(o => values[o]).ToList();
    }

    private void CheckInputShape(SymbolicTensor expected, Tensor actual)
    {
        bool ok = expected.Rank == actual.Rank && expected.Shape.Skip(1).Zip(actual.Shape.Skip(1)).All(p => p.First is null || p.First == p.Second);
        if (!ok)
            throw new ShapeMismatchException(
                $"Model '{Name}': input expects shape {InputSpec.Format(expected.Shape)}; received {Shapes.Format(actual.Shape)}.");
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => Outputs.Select(o => o.Shape).ToList();

    /// <summary>Runs the model on one input and returns its first output (inference unless <paramref name="training"/>).</summary>
    public Tensor Call(Tensor x, bool training = false) => Invoke([x], new CallOptions { Training = training })[0];
}
