using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The Keras generations whose configs differ in form or in meaning (spec §2.7–§2.8).</summary>
public enum KerasDialect
{
    /// <summary>Keras 1.x (no <c>keras_version</c> attribute, <c>output_dim</c>/<c>init</c> keys): not supported.</summary>
    Keras1,

    /// <summary>Standalone multi-backend Keras 2.0–2.3 (versions below 2.4 without <c>-tf</c>).</summary>
    Keras2,

    /// <summary>tf.keras: <c>2.x.y-tf</c> builds and 2.4–2.15.</summary>
    TfKeras,

    /// <summary>Keras 3.</summary>
    Keras3,
}

/// <summary>Finds the dialect of a config from a version string or, failing that, from the config itself.</summary>
public static class KerasDialects
{
    /// <summary>Maps a <c>keras_version</c> string to its dialect (spec §2.1 "How to read keras_version").</summary>
    public static KerasDialect FromVersion(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var parts = version.Trim().Split('-')[0].Split('.');
        if (!int.TryParse(parts[0], out int major))
            throw new ArgumentException($"Unrecognized Keras version '{version}'; expected e.g. '2.1.6', '2.2.4-tf' or '3.8.0'.", nameof(version));
        int minor = parts.Length > 1 && int.TryParse(parts[1], out int m) ? m : 0;
        return major switch
        {
            <= 1 => KerasDialect.Keras1,
            2 when version.EndsWith("-tf", StringComparison.Ordinal) || minor >= 4 => KerasDialect.TfKeras,
            2 => KerasDialect.Keras2,
            _ => KerasDialect.Keras3,
        };
    }

    /// <summary>
    /// Infers the dialect of a config that carries no version. Keras 3 signs: <c>{"args", "kwargs"}</c> nodes,
    /// <c>batch_shape</c> on an InputLayer, <c>DTypePolicy</c> objects. tf.keras signs: <c>time_major</c>, the class name
    /// <c>Functional</c>, <c>ragged</c> on an InputLayer, <c>module</c> keys. A config with none of these and no <c>module</c>
    /// key is standalone Keras 2; anything else (e.g. a hand-written snippet) is read as Keras 3.
    /// </summary>
    public static KerasDialect Infer(JsonNode? config)
    {
        bool keras3 = false, tf = false, module = false;
        Walk(config);
        return keras3 ? KerasDialect.Keras3 : tf ? KerasDialect.TfKeras : module ? KerasDialect.Keras3 : KerasDialect.Keras2;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o.ContainsKey("args") && o.ContainsKey("kwargs")) keras3 = true;
                    if (o.ContainsKey("time_major")) tf = true;
                    if (o.ContainsKey("module")) module = true;
                    if (o["class_name"] is JsonValue v && v.TryGetValue(out string? cn))
                    {
                        if (cn == "DTypePolicy") keras3 = true;
                        if (cn == "Functional" && !o.ContainsKey("module")) tf = true;
                        if (cn == "InputLayer" && o["config"] is JsonObject c)
                        {
                            if (c.ContainsKey("batch_shape")) keras3 = true;
                            else if (c.ContainsKey("ragged")) tf = true;
                        }
                    }
                    foreach (var kv in o) Walk(kv.Value);
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }
    }
}
