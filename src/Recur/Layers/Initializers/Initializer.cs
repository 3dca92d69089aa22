using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Creates a weight's starting value. Keras: <c>keras.initializers.Initializer</c>. A string converts implicitly
/// (<c>"glorot_uniform"</c>). As in Keras 3, an initializer made without a seed draws one when constructed, so the same
/// object gives the same values each time it is called, while each layer gets its own object.
/// </summary>
public abstract class Initializer
{
    /// <summary>The Keras class name (<c>"GlorotUniform"</c>).</summary>
    public abstract string KerasClassName { get; }

    /// <summary>A new tensor of <paramref name="shape"/>.</summary>
    public abstract Tensor Generate(int[] shape);

    /// <summary>The config keys of this initializer.</summary>
    public virtual JsonObject GetConfig() => [];

    /// <summary>The serialized envelope Keras 3 writes.</summary>
    public JsonObject ToConfig() => new()
    {
        ["module"] = "keras.initializers",
        ["class_name"] = KerasClassName,
        ["config"] = GetConfig(),
        ["registered_name"] = null,
    };

    /// <summary>Looks up by Keras string name (<c>"glorot_uniform"</c>, also class names like <c>"GlorotUniform"</c>).</summary>
    public static Initializer Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string className = name.Contains('_') || char.IsLower(name[0]) ? InitializerNames.ClassNameOf(name) : name;
        var f = KerasRegistry.Initializer(className)
            ?? throw new ArgumentException($"Unknown initializer '{name}'. Known: {string.Join(", ", InitializerNames.Known)}.");
        return f(new JsonObject());
    }

    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>Reads a string name or a serialized object.</summary>
    public static Initializer FromConfig(JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue(out string? s)) return Get(s);
        var (className, config) = KerasSerializer.Envelope(node, "initializer");
        var f = KerasRegistry.Initializer(className)
            ?? throw new KerasFormatException($"Unknown initializer class '{className}'. Known: {string.Join(", ", InitializerNames.Known)}.");
        return f(config);
    }

    public override string ToString() => KerasClassName;
}
