using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Projects a weight back into an allowed set after each optimizer update. Keras: <c>keras.constraints.Constraint</c>.</summary>
public abstract class Constraint
{
    public abstract string KerasClassName { get; }

    /// <summary>The constrained value of <paramref name="weight"/> (not differentiated).</summary>
    public abstract Tensor Apply(Tensor weight);

    public virtual JsonObject GetConfig() => [];

    public JsonObject ToConfig() => new()
    {
        ["module"] = "keras.constraints",
        ["class_name"] = KerasClassName,
        ["config"] = GetConfig(),
        ["registered_name"] = null,
    };

    public static Constraint Get(string name)
    {
        string className = name switch
        {
            "max_norm" => "MaxNorm", "min_max_norm" => "MinMaxNorm", "non_neg" => "NonNeg", "unit_norm" => "UnitNorm", _ => name,
        };
        var f = KerasRegistry.Constraint(className) ?? throw new ArgumentException(
            $"Unknown constraint '{name}'; expected 'max_norm', 'min_max_norm', 'non_neg' or 'unit_norm'.");
        return f([]);
    }

    public static implicit operator Constraint(string name) => Get(name);

    public static Constraint? FromConfig(JsonNode? node)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue(out string? s)) return Get(s);
        var (className, config) = KerasSerializer.Envelope(node, "constraint");
        var f = KerasRegistry.Constraint(className) ?? throw new KerasFormatException($"Unknown constraint class '{className}'.");
        return f(config);
    }
}
