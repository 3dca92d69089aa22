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

    /// <summary>Builds the model with <see cref="Model.FromJson"/>; <paramref name="kerasVersion"/> (from the file) selects the dialect's semantics.</summary>
    public static Model Build(JsonObject config, string? kerasVersion, string source, KerasLoadOptions? options = null)
    {
        try
        {
            // The caller's options win; the file's own version fills in when the caller names none.
            var effective = options is null ? new KerasLoadOptions { KerasVersion = kerasVersion }
                : options.KerasVersion is null ? options with { KerasVersion = kerasVersion }
                : options;
            return Model.FromJson(config.ToJsonString(), effective);
        }
        catch (KerasFormatException e)
        {
            throw new KerasFormatException($"'{source}': {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new KerasFormatException($"'{source}': cannot rebuild the model from its config: {e.Message}", e);
        }
    }
}
