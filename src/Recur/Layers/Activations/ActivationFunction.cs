using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// An activation function as Keras names it. A string converts implicitly (<c>activation: "relu"</c>); custom functions
/// are registered by name with <see cref="Register"/> so configs that name them deserialize.
/// </summary>
public sealed partial class ActivationFunction
{
    private static readonly Dictionary<string, ActivationFunction> ByName = new(StringComparer.Ordinal);
    private readonly Func<Tensor, Tensor> _apply;
    private readonly SpanFunction? _applySpans;

    /// <summary>
    /// A built-in's function on spans: <c>y = f(x)</c> over rows of <paramref name="lastAxis"/> values (<paramref name="y"/>
    /// may be <paramref name="x"/>), with exactly the arithmetic <see cref="Apply(Tensor)"/> does on a tensor of that data.
    /// </summary>
    internal delegate void SpanFunction(ReadOnlySpan<float> x, Span<float> y, int lastAxis);

    private ActivationFunction(string name, ActivationKind kind, Func<Tensor, Tensor> apply, SpanFunction? applySpans)
    {
        Name = name;
        Kind = kind;
        _apply = apply;
        _applySpans = applySpans;
    }

    /// <summary>The Keras name written in configs (<c>"tanh"</c>).</summary>
    public string Name { get; }

    /// <summary>Which built-in this is, or <see cref="ActivationKind.Custom"/>.</summary>
    public ActivationKind Kind { get; }

    /// <summary>Applies the function (differentiable).</summary>
    public Tensor Apply(Tensor x) => _apply(x);

    /// <summary>Whether the function has a span form (<see cref="Apply(ReadOnlySpan{float}, Span{float}, int)"/>), which inference plans need.</summary>
    internal bool HasSpanForm => _applySpans is not null;

    /// <summary>
    /// The function on spans, bit-identical to <see cref="Apply(Tensor)"/> on a tensor holding <paramref name="x"/> whose
    /// last axis has <paramref name="lastAxis"/> values; <paramref name="y"/> may be <paramref name="x"/>. Requires <see cref="HasSpanForm"/>.
    /// </summary>
    internal void Apply(ReadOnlySpan<float> x, Span<float> y, int lastAxis) =>
        (_applySpans ?? throw new InvalidOperationException($"Activation '{Name}' has no span form."))(x, y, lastAxis);

    /// <summary>
    /// The fused kernels' form of this function (<see cref="Kernels.Recurrent.GateActivations"/>), or null when they have none.
    /// </summary>
    internal Kernels.Recurrent.ActivationKind? KernelKind => Kind switch
    {
        ActivationKind.Linear => Kernels.Recurrent.ActivationKind.Linear,
        ActivationKind.Tanh => Kernels.Recurrent.ActivationKind.Tanh,
        ActivationKind.Sigmoid => Kernels.Recurrent.ActivationKind.Sigmoid,
        ActivationKind.HardSigmoid => Kernels.Recurrent.ActivationKind.HardSigmoid,
        ActivationKind.Relu => Kernels.Recurrent.ActivationKind.Relu,
        _ => null,
    };

    // The span forms of the element-wise built-ins are the kernels' (the same primitives as Ops.Tanh, Ops.Sigmoid, Ops.Relu).
    public static ActivationFunction Linear { get; } = Add("linear", ActivationKind.Linear, x => x, Elementwise(Kernels.Recurrent.ActivationKind.Linear));
    public static ActivationFunction Tanh { get; } = Add("tanh", ActivationKind.Tanh, Ops.Tanh, Elementwise(Kernels.Recurrent.ActivationKind.Tanh));
    public static ActivationFunction Sigmoid { get; } = Add("sigmoid", ActivationKind.Sigmoid, Ops.Sigmoid, Elementwise(Kernels.Recurrent.ActivationKind.Sigmoid));
    public static ActivationFunction HardSigmoid { get; } = Add("hard_sigmoid", ActivationKind.HardSigmoid, Ops.HardSigmoid);
    public static ActivationFunction Relu { get; } = Add("relu", ActivationKind.Relu, Ops.Relu, Elementwise(Kernels.Recurrent.ActivationKind.Relu));

    private static SpanFunction Elementwise(Kernels.Recurrent.ActivationKind kind) => (x, y, _) => Kernels.Recurrent.GateActivations.Apply(kind, x, y);

    /// <summary>Looks up a built-in or registered activation; null or empty means linear (Keras's <c>None</c>).</summary>
    public static ActivationFunction Get(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Linear;
        EnsureBuiltIns();
        lock (ByName)
            if (ByName.TryGetValue(name, out var a)) return a;
        throw new ArgumentException(
            $"Unknown activation '{name}'. Known: {string.Join(", ", KnownNames)}. Register a custom one with ActivationFunction.Register(name, fn).");
    }

    /// <summary>Names of all known activations.</summary>
    public static IReadOnlyList<string> KnownNames
    {
        get { EnsureBuiltIns(); lock (ByName) return ByName.Keys.Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Registers a custom activation under <paramref name="name"/> (the name configs use).</summary>
    public static ActivationFunction Register(string name, Func<Tensor, Tensor> fn) => Add(name, ActivationKind.Custom, fn);

    public static implicit operator ActivationFunction(string name) => Get(name);

    /// <summary>The config form: the bare name string, as Keras 3 writes built-ins.</summary>
    public JsonNode ToConfig() => JsonValue.Create(Name);

    /// <summary>Reads a name string, null (linear) or a serialized function object <c>{"class_name": "function", "config": "relu"}</c>.</summary>
    public static ActivationFunction FromConfig(JsonNode? node) => node switch
    {
        null => Linear,
        JsonValue v when v.TryGetValue(out string? s) => Get(s),
        JsonObject o when o["config"] is JsonValue c && c.TryGetValue(out string? s) => Get(s),
        JsonObject o when o["config"] is JsonObject c && c["name"] is JsonValue n => Get(n.GetValue<string>()),
        _ => throw new KerasFormatException($"Activation: expected a name string; received {node.ToJsonString()}."),
    };

    public override string ToString() => Name;

    private static ActivationFunction Add(string name, ActivationKind kind, Func<Tensor, Tensor> fn, SpanFunction? spans = null)
    {
        var a = new ActivationFunction(name, kind, fn, spans);
        lock (ByName) ByName[name] = a;
        return a;
    }

    /// <summary>Touches the static properties so that every built-in is in the table (the rest are added in BuiltIn partials).</summary>
    private static void EnsureBuiltIns()
    {
        _ = Linear;
        RegisterMoreBuiltIns();
    }

    static partial void RegisterMoreBuiltIns();
}
