using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The dtype policy every config carries. Recur computes in float32 only.</summary>
public static class DTypePolicy
{
    /// <summary>Keras 3's serialized float32 policy.</summary>
    public static JsonObject Float32Config() => new()
    {
        ["module"] = "keras",
        ["class_name"] = "DTypePolicy",
        ["config"] = new JsonObject { ["name"] = "float32" },
        ["registered_name"] = null,
    };

    /// <summary>Accepts the forms Keras writes (a string, a DTypePolicy envelope, null); rejects non-float dtypes.</summary>
    internal static void Validate(JsonNode? node, string who)
    {
        string? name = node switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o => (o["config"] as JsonObject)?["name"]?.GetValue<string>() ?? o["name"]?.GetValue<string>(),
            _ => throw new ArgumentException($"{who}: 'dtype' must be a string or a DTypePolicy; received {node.ToJsonString()}."),
        };
        // Mixed-precision policies compute in float16 in Keras; Recur runs them in float32 (values agree to float16 precision).
        if (name is not null && name is not ("float32" or "mixed_float16" or "mixed_bfloat16" or "float16" or "bfloat16" or "float64"))
            throw new ArgumentException($"{who}: dtype '{name}' is not supported; expected a floating-point dtype (Recur computes in float32).");
    }
}
