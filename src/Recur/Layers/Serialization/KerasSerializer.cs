using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Keras 3 object serialization: the <c>{module, class_name, config, registered_name, build_config}</c> envelope, and
/// its inverse, which also accepts the legacy <c>{class_name, config}</c> form and bare name strings where Keras does.
/// </summary>
public static class KerasSerializer
{
    /// <summary>Serializes a layer into the Keras 3 envelope (with <c>build_config</c> once built).</summary>
    public static JsonObject Serialize(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var o = new JsonObject
        {
            ["module"] = layer.KerasModule,
            ["class_name"] = layer.KerasClassName,
            ["config"] = layer.GetConfig(),
            ["registered_name"] = layer.KerasModule.StartsWith("keras.", StringComparison.Ordinal) ? null : layer.KerasClassName,
        };
        if (layer.BuildInputShape is { } shape) o["build_config"] = new JsonObject { ["input_shape"] = ShapeToJson(shape) };
        return o;
    }

    /// <summary>Creates a layer (or cell) from its serialized form; builds it when the envelope has a <c>build_config</c>.</summary>
    public static Layer DeserializeLayer(JsonNode? node, string? context = null)
    {
        var (className, config) = Envelope(node, context ?? "layer");
        if (!KerasRegistry.TryCreateLayer(className, config, out var layer))
            throw UnknownClass(className, config, node as JsonObject, context);
        if (node is JsonObject o && o["build_config"] is JsonObject bc && bc["input_shape"] is JsonArray shape && !layer!.Built)
            layer.Build(ShapeFromJson(shape));
        return layer!;
    }

    // Names the layer and its class, says why it cannot load, lists what can, and how to add a class.
    private static KerasFormatException UnknownClass(string className, JsonObject config, JsonObject? envelope, string? context)
    {
        string layerName = config["name"] is JsonValue n && n.TryGetValue(out string? s) ? $"'{s}'" : "(unnamed)";
        string registered = envelope?["registered_name"] is JsonValue r && r.TryGetValue(out string? rn) ? $" (registered as '{rn}')" : "";
        string why = className switch
        {
            "Lambda" => "A Lambda layer holds Python code (a marshalled function), which cannot run in .NET. ",
            "TFOpLambda" or "SlicingOpLambda" => "It records a TensorFlow operation called on a Keras tensor, which is Python code. ",
            _ when registered.Length > 0 || envelope?["module"] is JsonValue m && m.TryGetValue(out string? module) && !module.StartsWith("keras", StringComparison.Ordinal)
                => "It is a custom class of the program that saved the model. ",
            _ => "",
        };
        return new KerasFormatException(
            $"{context ?? "Config"}: cannot load layer {layerName}: unknown layer class '{className}'{registered}. {why}" +
            $"Supported: {string.Join(", ", KerasRegistry.LayerClassNames)}. " +
            $"To load it, register a .NET implementation before loading with KerasRegistry.RegisterLayer<T>(\"{className}\"), where T is a " +
            "Layer subclass whose constructor parameters are the config keys in camelCase.");
    }

    /// <summary>Splits a serialized object into its class name and config; accepts both envelope forms.</summary>
    internal static (string ClassName, JsonObject Config) Envelope(JsonNode? node, string context)
    {
        if (node is not JsonObject o || o["class_name"] is not JsonValue cn || !cn.TryGetValue(out string? className))
            throw new KerasFormatException(
                $"{context}: expected a serialized object {{\"class_name\": ..., \"config\": {{...}}}}; received {node?.ToJsonString() ?? "null"}.");
        var config = o["config"] switch
        {
            JsonObject c => (JsonObject)c.DeepClone(),
            null => new JsonObject(),
            var other => throw new KerasFormatException($"{context}: 'config' of '{className}' must be an object; received {other.ToJsonString()}."),
        };
        return (className, config);
    }

    internal static JsonArray ShapeToJson(int?[] shape) => new(shape.Select(d => (JsonNode?)(d is int v ? JsonValue.Create(v) : null)).ToArray());

    internal static int?[] ShapeFromJson(JsonArray shape) =>
        shape.Select(n => n is null ? (int?)null : n.GetValue<int>()).ToArray();
}
