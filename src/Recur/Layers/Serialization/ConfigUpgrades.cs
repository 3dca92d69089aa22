using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Every legacy-config rule in one place: rewrites a Keras 1/2, tf.keras or early Keras 3 config into the Keras 3 form the
/// layer constructors bind, keeping what the saving version computed (spec §1.3, §2.7, §2.8), and adjusts built models
/// where the difference is not a config key.
/// </summary>
/// <remarks>
/// The rules, by dialect:
/// <list type="bullet">
/// <item>all: Sequential <c>config</c> given as a bare list (Keras 2.0–2.2.2) becomes <c>{name, layers}</c>; a Sequential
/// without an InputLayer whose first layer is a wrapper takes the wrapped layer's <c>batch_input_shape</c> (Keras 2.3.1
/// <c>TimeDistributed</c>); shape keys on wrapped layers are dropped (tf.keras copies bogus ones there); InputLayer
/// <c>batch_input_shape</c> becomes <c>batch_shape</c>; <c>time_major: false</c> is dropped; Bidirectional
/// <c>num_constants</c> is dropped (constants arrive with the call); <c>CuDNNLSTM</c>/<c>CuDNNGRU</c> become LSTM/GRU with
/// the fixed cuDNN activations (tanh, sigmoid) and, for GRU, <c>reset_after=True</c>; their weights are detected and
/// converted by shape at load time (<see cref="CudnnWeights"/>); a null <c>quantization_config</c> (Keras 3.13) is dropped.</item>
/// <item>Keras 2 and tf.keras: <c>"hard_sigmoid"</c> becomes <c>"hard_sigmoid_legacy"</c> = <c>clip(0.2x + 0.5)</c> unless
/// <see cref="HardSigmoidSemantics.Keras3"/> is asked for; a GRU without <c>reset_after</c> (Keras before 2.1.5) gets
/// <c>reset_after=False</c>, which was the only formulation then.</item>
/// <item>standalone Keras 2: <c>Bidirectional</c> did not zero masked steps (§2.8), so <see cref="AfterBuild"/> turns
/// <c>zero_output_for_mask</c> off in both directions.</item>
/// <item>Keras 1: rejected (spec §2.7 recommends against it; its weights need a gate reorder as well).</item>
/// </list>
/// </remarks>
public static class ConfigUpgrades
{
    /// <summary>The activation <c>"hard_sigmoid"</c> resolves to in Keras 2 and tf.keras configs.</summary>
    public static string LegacyHardSigmoid => ActivationFunction.HardSigmoidLegacy.Name;

    private static readonly string[] ShapeKeys = ["batch_input_shape", "input_shape", "batch_size"];

    /// <summary>Returns an upgraded copy of a serialized model or layer; <paramref name="node"/> is left untouched.</summary>
    public static JsonObject Apply(JsonObject node, KerasDialect dialect, KerasLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (dialect == KerasDialect.Keras1)
            throw new NotSupportedException(
                "Keras 1 configs are not supported (output_dim/init/inner_init keys and a different LSTM/GRU weight layout); " +
                "load the model in Keras 2 and save it again.");
        options ??= new KerasLoadOptions();
        var copy = (JsonObject)node.DeepClone();
        Upgrade(copy, dialect, options);
        return copy;
    }

    /// <summary>The changes a built model needs that configs cannot express.</summary>
    public static void AfterBuild(Layer model, KerasDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (dialect != KerasDialect.Keras2) return;
        foreach (var layer in Descendants(model).OfType<Bidirectional>())
            foreach (var direction in layer.Children.OfType<ISequenceLayer>())
                if (direction.ZeroOutputForMask is not null) direction.ZeroOutputForMask = false;
    }

    private static IEnumerable<Layer> Descendants(Layer layer)
    {
        yield return layer;
        foreach (var child in layer.Children)
            foreach (var d in Descendants(child)) yield return d;
    }

    // Depth-first over the whole tree: every {class_name, config} envelope is upgraded, wherever it sits.
    private static void Upgrade(JsonNode? node, KerasDialect dialect, KerasLoadOptions options)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["class_name"] is JsonValue v && v.TryGetValue(out string? className)) UpgradeEnvelope(o, className, dialect, options);
                foreach (var kv in o.ToList()) Upgrade(kv.Value, dialect, options);
                break;
            case JsonArray a:
                foreach (var item in a) Upgrade(item, dialect, options);
                break;
        }
    }

    private static void UpgradeEnvelope(JsonObject envelope, string className, KerasDialect dialect, KerasLoadOptions options)
    {
        if (className == "Sequential" && envelope["config"] is JsonArray list)
            envelope["config"] = new JsonObject { ["name"] = "sequential", ["layers"] = list.DeepClone() };
        if (envelope["config"] is not JsonObject config) return;
        bool legacy = dialect is KerasDialect.Keras2 or KerasDialect.TfKeras;

        switch (className)
        {
            case "Sequential":
                HoistWrappedInputShape(config);
                break;
            case "InputLayer":
                if (config["batch_input_shape"] is { } bis && !config.ContainsKey("batch_shape"))
                {
                    config.Remove("batch_input_shape");
                    config["batch_shape"] = bis;
                }
                break;
            case "Bidirectional" or "TimeDistributed":
                config.Remove("num_constants");
                foreach (var key in new[] { "layer", "backward_layer" })
                    if (config[key] is JsonObject { } inner && inner["config"] is JsonObject innerConfig)
                        foreach (var shapeKey in ShapeKeys) innerConfig.Remove(shapeKey);
                break;
            case "CuDNNLSTM" or "CuDNNGRU":
                envelope["class_name"] = className == "CuDNNLSTM" ? "LSTM" : "GRU";
                config["activation"] = "tanh";
                config["recurrent_activation"] = "sigmoid";
                if (className == "CuDNNGRU") config["reset_after"] = true;
                break;
            case "GRU" or "GRUCell" when legacy && !config.ContainsKey("reset_after"):
                config["reset_after"] = false;
                break;
        }

        // Keras 3.13 writes quantization_config on Dense/EinsumDense/Embedding; null means a plain float layer.
        if (config.ContainsKey("quantization_config"))
        {
            if (config["quantization_config"] is not null)
                throw new NotSupportedException($"{className} '{config["name"]}': quantized layers are not supported (quantization_config is set).");
            config.Remove("quantization_config");
        }

        if (config["time_major"] is JsonValue tm && tm.TryGetValue(out bool timeMajor))
        {
            if (timeMajor)
                throw new NotSupportedException(
                    $"{className} '{config["name"]}': time_major=True (inputs laid out [time, batch, features]) is not supported; " +
                    "transpose the inputs to [batch, time, features] and save with time_major=False.");
            config.Remove("time_major");
        }

        if (legacy && options.HardSigmoid == HardSigmoidSemantics.AsSaved)
            foreach (var key in new[] { "activation", "recurrent_activation" })
                if (config[key] is JsonValue a && a.TryGetValue(out string? name) && name == "hard_sigmoid")
                    config[key] = LegacyHardSigmoid;
    }

    // Keras 2.3.1 stored a Sequential's input shape only inside the first (wrapped) layer's config.
    private static void HoistWrappedInputShape(JsonObject config)
    {
        if (config["layers"] is not JsonArray { Count: > 0 } layers || layers[0] is not JsonObject first) return;
        if (first["class_name"]?.GetValue<string>() == "InputLayer" || first["config"] is not JsonObject firstConfig) return;
        if (firstConfig.ContainsKey("batch_input_shape") || firstConfig.ContainsKey("input_shape")) return;
        if (firstConfig["layer"] is JsonObject { } inner && inner["config"] is JsonObject innerConfig
            && innerConfig["batch_input_shape"] is JsonArray shape)
            firstConfig["batch_input_shape"] = shape.DeepClone();
    }
}
