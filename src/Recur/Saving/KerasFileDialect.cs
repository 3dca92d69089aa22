using System.Text.Json.Nodes;

namespace Recur.Saving;

/// <summary>
/// Adjusts a model's Keras 3.15 config to what every Keras 3 release from <see cref="KerasFiles.TargetKerasVersion"/> on
/// reads, before it is written to a <c>.keras</c> file.
/// </summary>
/// <remarks>
/// Keras 3.15 added <c>input_axes</c> and <c>output_axes</c> to the VarianceScaling family's configs (GlorotUniform, the
/// default kernel initializer of every recurrent layer and Dense). Earlier releases rebuild an initializer as
/// <c>cls(**config)</c> and reject the unknown keys, so a file carrying them would not load in Keras 3.8–3.14 at all.
/// When both are null they are the defaults, and dropping them loses nothing: Keras 3.15 and Recur read the file the same.
/// Axes a user set stay, since only they give the same fans.
/// </remarks>
internal static class KerasFileDialect
{
    private static readonly string[] NewerInitializerKeys = ["input_axes", "output_axes"];

    /// <summary>Removes the keys older Keras 3 releases reject and that carry only defaults, anywhere in <paramref name="config"/>.</summary>
    public static void Apply(JsonNode? config)
    {
        switch (config)
        {
            case JsonObject o:
                if (o["module"] is JsonValue module && module.TryGetValue<string>(out var name) && name == "keras.initializers"
                    && o["config"] is JsonObject init && NewerInitializerKeys.All(k => init.ContainsKey(k) && init[k] is null))
                {
                    foreach (var k in NewerInitializerKeys) init.Remove(k);
                }
                foreach (var (_, child) in o) Apply(child);
                break;
            case JsonArray a:
                foreach (var child in a) Apply(child);
                break;
        }
    }
}
