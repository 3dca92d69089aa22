using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Models;

/// <summary>A plain stack of single-input, single-output layers. Keras: <c>keras.Sequential</c>.</summary>
/// <remarks>With an <see cref="Input"/> first (or a first layer carrying <see cref="Layer.BatchInputShape"/>) the layers are
/// connected and built at once; otherwise on the first call. <see cref="Layers"/> does not list the input layer.</remarks>
public sealed class Sequential : Model
{
    private readonly List<Layer> _layers = [];
    private Input? _input;

    /// <summary>A model from layers; the input shape comes from the first layer's <c>inputShape</c> or the first call.</summary>
    public Sequential(params Layer[] layers) : this(layers, null) { }

    /// <summary>A model whose input is <paramref name="input"/>: <c>new Sequential(new Input(shape: [5, 10]), layer1, layer2)</c>.</summary>
    public Sequential(Input input, params Layer[] layers) : base((string?)null)
    {
        Add(input);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>A named model from layers.</summary>
    public Sequential(IEnumerable<Layer> layers, string? name) : base(name)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    public override string KerasClassName => "Sequential";

    public override string KerasModule => "keras";

    /// <summary>Keras 3 config: base keys, then <c>layers</c> = the input layer (when known) and every layer, serialized.</summary>
    public override JsonObject GetConfig()
    {
        var config = LayerConfig();
        var layers = new JsonArray();
        if (_input is not null) layers.Add(KerasSerializer.Serialize(_input.Layer));
        foreach (var layer in _layers) layers.Add(KerasSerializer.Serialize(layer));
        config["layers"] = layers;
        return config;
    }

    /// <summary>Rebuilds a model from its config (an <c>InputLayer</c> first connects and builds it at once).</summary>
    public static new Sequential FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config["layers"] is not JsonArray items)
            throw new KerasFormatException($"Sequential config: expected a 'layers' list; received {config["layers"]?.ToJsonString() ?? "nothing"}.");
        var layers = items.Select((n, i) => KerasSerializer.DeserializeLayer(n, $"Sequential.layers[{i}]")).ToList();
        return new Sequential(layers, config["name"]?.GetValue<string>());
    }

    /// <summary>The layers, without the input layer.</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Sets the model input; only before any layer is added.</summary>
    public Sequential Add(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_input is not null || _layers.Count > 0)
            throw new InvalidOperationException($"Sequential '{Name}': an Input can only be the first element of the model.");
        _input = input;
        Connect();
        return this;
    }

    /// <summary>Adds a layer on top and returns the model, so calls chain.</summary>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer il) return Add(new Input(il));
        if (_layers.Contains(layer)) throw new ArgumentException($"Sequential '{Name}': layer '{layer.Name}' is already in the model.");
        if (_layers.Count == 0 && _input is null && layer.BatchInputShape is { } bis) _input = new Input(bis[1..], bis[0]);
        _layers.Add(layer);
        try
        {
            Connect();
        }
        catch
        {
            _layers.RemoveAt(_layers.Count - 1);
            throw;
        }
        return this;
    }

    /// <summary>Removes the top layer and returns it.</summary>
    public Layer Pop()
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential '{Name}': there are no layers in the model to pop.");
        var last = _layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        Untrack(last);
        Connect();
        return last;
    }

    /// <summary>Shapes of each layer's output from the last connection, for the summary.</summary>
    internal IReadOnlyList<int?[]> LayerOutputShapes { get; private set; } = [];

    // Re-applies every layer symbolically from the input, so shapes and weights exist as soon as the input is known.
    private void Connect()
    {
        ForgetInferencePlan();
        foreach (var layer in _layers) Track(layer);
        if (_input is null) return;
        SymbolicTensor current = _input;
        var shapes = new List<int?[]>();
        foreach (var layer in _layers)
        {
            var outs = layer.ApplyAll(current);
            if (outs.Count != 1)
                throw new ArgumentException(
                    $"Sequential '{Name}': all layers in a Sequential model should have a single output tensor; '{layer.Name}' returns {outs.Count}. Use a functional Model for multi-output layers.");
            current = outs[0];
            shapes.Add(current.Shape);
        }
        LayerOutputShapes = shapes;
        if (_layers.Count > 0) SetGraph([_input], [current]);
    }

    /// <summary>The layers, once the input is known and there is at least one.</summary>
    private protected override IReadOnlyList<Layer>? LayerChain() => _input is null || _layers.Count == 0 ? null : _layers;

    protected override void BuildCore(int?[] inputShape)
    {
        _input = new Input(inputShape[1..]);
        Connect();
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential '{Name}' has no layers.");
        var x = inputs[0];
        if (_input is not null && (x.Rank != _input.Rank || _input.Shape.Skip(1).Zip(x.Shape.Skip(1)).Any(p => p.First is int d && d != p.Second)))
            throw new ShapeMismatchException($"Sequential '{Name}': input expects shape {InputSpec.Format(_input.Shape)}; received {Shapes.Format(x.Shape)}.");
        var mask = options.Mask;
        foreach (var layer in _layers)
        {
            x = layer.Invoke([x], new CallOptions { Training = options.Training, Mask = mask })[0];
            mask = null;   // later layers read the mask the previous layer attached to its output
        }
        return [x];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        var shape = inputShape;
        foreach (var layer in _layers) shape = layer.ComputeOutputShape(shape)[0];
        return [shape];
    }
}
