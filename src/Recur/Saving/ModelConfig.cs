using System.Text.Json;
using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;

namespace Recur.Saving;

/// <summary>Turns a file's model config (JSON text) into a <see cref="Model"/>, wrapping config errors with the file's name.</summary>
internal static class ModelConfig
{
    public static JsonObject Parse(string json, string source, string what)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new KerasFormatException($"'{source}': {what} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new KerasFormatException($"'{source}': {what} is not valid JSON ({e.Message}).", e);
        }
    }

    public static Model Build(JsonObject config, string source)
    {
        Layer layer;
        try
        {
            layer = KerasSerializer.DeserializeLayer(config.DeepClone(), $"'{source}' model config");
        }
        catch (Exception e) when (e is not KerasFormatException and (ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException))
        {
            throw new KerasFormatException($"'{source}': cannot rebuild the model from its config: {e.Message}", e);
        }
        return layer as Model ?? throw new KerasFormatException($"'{source}': the config describes a {layer.KerasClassName}, not a model.");
    }
}
