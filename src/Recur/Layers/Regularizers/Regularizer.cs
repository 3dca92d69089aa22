using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Adds a penalty on a weight to the training loss. Keras: <c>keras.regularizers.Regularizer</c>.</summary>
public abstract class Regularizer
{
    public abstract string KerasClassName { get; }

    /// <summary>The penalty for <paramref name="weight"/>, a differentiable scalar.</summary>
    public abstract Tensor Loss(Tensor weight);

    public virtual JsonObject GetConfig() => [];

    public JsonObject ToConfig() => new()
    {
        ["module"] = "keras.regularizers",
        ["class_name"] = KerasClassName,
        ["config"] = GetConfig(),
        ["registered_name"] = null,
    };

    /// <summary>
    /// <c>"l1"</c>, <c>"l2"</c> (factor 0.01) or <c>"l1_l2"</c>. As in Keras 3, a name builds the class with its
    /// constructor defaults, so <c>"l1_l2"</c> is <c>L1L2()</c> with both factors 0 (tf.keras's function used 0.01 each).
    /// </summary>
    public static Regularizer Get(string name) => name switch
    {
        "l1" or "L1" => new L1(),
        "l2" or "L2" => new L2(),
        "l1_l2" or "L1L2" => new L1L2(),
        _ => throw new ArgumentException($"Unknown regularizer '{name}'; expected 'l1', 'l2' or 'l1_l2'."),
    };

    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>Keras's <c>validate_float_arg</c>: a penalty factor must be finite and non-negative.</summary>
    private protected static float Validated(float factor, string name) =>
        float.IsFinite(factor) && factor >= 0 ? factor
            : throw new ArgumentException($"Invalid value for argument {name}: expected a non-negative float. Received: {name}={factor}", name);

    public static Regularizer? FromConfig(JsonNode? node)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue(out string? s)) return Get(s);
        var (className, config) = KerasSerializer.Envelope(node, "regularizer");
        var f = KerasRegistry.Regularizer(className) ?? throw new KerasFormatException($"Unknown regularizer class '{className}'.");
        return f(config);
    }
}

/// <summary><c>l1 · Σ|w|</c>. Keras: <c>keras.regularizers.L1</c>.</summary>
public sealed class L1(float l1 = 0.01f) : Regularizer
{
    public float Factor { get; } = Validated(l1, "l1");
    public override string KerasClassName => "L1";
    public override Tensor Loss(Tensor weight) => Ops.Sum(Ops.Abs(weight)) * Factor;
    public override JsonObject GetConfig() => new() { ["l1"] = Factor };
}

/// <summary><c>l2 · Σw²</c>. Keras: <c>keras.regularizers.L2</c>.</summary>
public sealed class L2(float l2 = 0.01f) : Regularizer
{
    public float Factor { get; } = Validated(l2, "l2");
    public override string KerasClassName => "L2";
    public override Tensor Loss(Tensor weight) => Ops.Sum(weight * weight) * Factor;
    public override JsonObject GetConfig() => new() { ["l2"] = Factor };
}

/// <summary><c>l1 · Σ|w| + l2 · Σw²</c>. Keras: <c>keras.regularizers.L1L2</c> (defaults 0).</summary>
public sealed class L1L2(float l1 = 0f, float l2 = 0f) : Regularizer
{
    public float L1Factor { get; } = Validated(l1, "l1");
    public float L2Factor { get; } = Validated(l2, "l2");
    public override string KerasClassName => "L1L2";
    public override Tensor Loss(Tensor weight) => Ops.Sum(Ops.Abs(weight)) * L1Factor + Ops.Sum(weight * weight) * L2Factor;
    public override JsonObject GetConfig() => new() { ["l1"] = L1Factor, ["l2"] = L2Factor };
}
