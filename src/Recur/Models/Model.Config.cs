using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Models;

public partial class Model
{
    public override string KerasModule => "keras.src.models.functional";

    /// <summary>
    /// Reads a model from Keras JSON: <c>model.to_json()</c>, the model entry of a <c>.keras</c> archive's
    /// <c>config.json</c>, or a legacy HDF5 <c>model_config</c> attribute; class <c>Sequential</c>, <c>Functional</c> or
    /// <c>Model</c>, in any dialect from Keras 2.0 to Keras 3 (spec §1.3, §2.7).
    /// </summary>
    /// <param name="json">The serialized model.</param>
    /// <param name="options">The saving Keras version (from the file) and version-difference choices; by default the model
    /// computes what the saving version computed (see <see cref="ConfigUpgrades"/>).</param>
    public static Model FromJson(string json, KerasLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonNode.Parse(json) is not JsonObject root)
            throw new KerasFormatException("Model.FromJson: expected a JSON object {\"class_name\": ..., \"config\": ...}.");
        string? version = options?.KerasVersion
            ?? (root["keras_version"] is JsonValue v && v.TryGetValue(out string? s) ? s : null);
        var dialect = version is not null ? KerasDialects.FromVersion(version) : KerasDialects.Infer(root);
        var upgraded = ConfigUpgrades.Apply(root, dialect, options);
        var layer = KerasSerializer.DeserializeLayer(upgraded, "Model config");
        if (layer is not Model model)
            throw new KerasFormatException(
                $"Model.FromJson: expected a model (class Sequential, Functional or Model); received class '{layer.KerasClassName}'.");
        ConfigUpgrades.AfterBuild(model, dialect);
        return model;
    }

    /// <summary>The Keras 3 serialized form (<c>model.to_json()</c>); <see cref="FromJson"/> reads it back to an equal config.</summary>
    public string ToJson() => KerasSerializer.Serialize(this).ToJsonString();

    /// <summary>
    /// Keras 3 functional config: <c>name</c>, <c>trainable</c>, <c>layers</c> (each serialized with its <c>name</c> and its
    /// calls as <c>inbound_nodes</c> of <c>{args, kwargs}</c>), <c>input_layers</c>, <c>output_layers</c>.
    /// </summary>
    public override JsonObject GetConfig()
    {
        var nodesOf = _nodes.GroupBy(n => n.Layer).ToDictionary(g => g.Key, g => g.ToList());
        var layers = new JsonArray();
        foreach (var layer in Layers)
        {
            var entry = KerasSerializer.Serialize(layer);
            entry["name"] = layer.Name;
            entry["inbound_nodes"] = new JsonArray(nodesOf[layer].Where(n => n.Inputs.Count > 0).Select(n => NodeConfig(n, nodesOf)).ToArray());
            layers.Add(entry);
        }
        return new JsonObject
        {
            ["name"] = Name,
            ["trainable"] = Trainable,
            ["layers"] = layers,
            ["input_layers"] = Endpoints(Inputs, nodesOf),
            ["output_layers"] = Endpoints(Outputs, nodesOf),
        };
    }

    /// <summary>The base layer keys (<c>name</c>, <c>trainable</c>, <c>dtype</c>) for subclasses with their own config form.</summary>
    protected JsonObject LayerConfig() => base.GetConfig();

    /// <summary>Rebuilds a functional model from its config, in the Keras 3 or the legacy node format.</summary>
    public static Model FromConfig(JsonObject config) => FunctionalConfigReader.Read(config);

    private static JsonObject NodeConfig(LayerNode node, Dictionary<Layer, List<LayerNode>> nodesOf)
    {
        int data = node.Inputs.Count - node.StateInputs;
        var inputs = node.Inputs.Take(data).Select(t => KerasTensor(t, nodesOf)).ToArray();
        JsonNode? first = node.Layer is IMultiInputLayer || data > 1 ? new JsonArray(inputs) : inputs[0];
        var kwargs = new JsonObject();
        if (node.StateInputs > 0)
            kwargs["initial_state"] = new JsonArray(node.Inputs.Skip(data).Select(t => KerasTensor(t, nodesOf)).ToArray());
        return new JsonObject { ["args"] = new JsonArray(first), ["kwargs"] = kwargs };
    }

    private static JsonNode KerasTensor(SymbolicTensor t, Dictionary<Layer, List<LayerNode>> nodesOf) => new JsonObject
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject
        {
            ["shape"] = KerasSerializer.ShapeToJson(t.Shape),
            ["dtype"] = "float32",
            ["keras_history"] = History(t, nodesOf),
        },
    };

    // [layer name, node index within this model, output index]: what Keras writes for a tensor's origin.
    private static JsonArray History(SymbolicTensor t, Dictionary<Layer, List<LayerNode>> nodesOf) =>
        [t.Producer!.Layer.Name, nodesOf[t.Producer.Layer].IndexOf(t.Producer), t.OutputIndex];

    // One endpoint is written as a bare triple, several as a list of triples (Keras 3's single-tensor and list forms).
    private static JsonNode Endpoints(IReadOnlyList<SymbolicTensor> tensors, Dictionary<Layer, List<LayerNode>> nodesOf) =>
        tensors.Count == 1 ? History(tensors[0], nodesOf) : new JsonArray(tensors.Select(t => (JsonNode)History(t, nodesOf)).ToArray());
}
