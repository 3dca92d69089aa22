using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;

namespace Recur.Saving;

/// <summary>
/// How Keras sees a layer's variables: its own ones (trainable, then non-trainable) and its child objects under their
/// Python attribute names (<c>forward_layer</c>, <c>cell</c>, <c>layer</c>, <c>layers/dense_1</c> …), spec §1.4.
/// </summary>
internal static class KerasObjects
{
    /// <summary>The layer's own variables in Keras's store order (trainable first, each group in creation order).</summary>
    public static IReadOnlyList<Variable> OwnVariables(Layer layer)
    {
        var all = layer.Weights;
        int fromChildren = layer.Children.Sum(c => c.Weights.Count);
        var own = all.Take(all.Count - fromChildren).ToList();
        return [.. own.Where(v => v.Trainable), .. own.Where(v => !v.Trainable)];
    }

    /// <summary>Every variable in Keras's <c>layer.weights</c> order (own, then children's), as legacy HDF5 files list them.</summary>
    public static IReadOnlyList<Variable> AllVariables(Layer layer) =>
        [.. OwnVariables(layer), .. Children(layer, null).SelectMany(c => AllVariables(c.Child))];

    /// <summary>
    /// The child objects with their store paths. For models, <paramref name="config"/> (the model's serialized config,
    /// when it came from a file) gives Keras's layer order and class names, which fix the numbered keys.
    /// </summary>
    public static IReadOnlyList<(string Path, Layer Child, JsonObject? Config)> Children(Layer layer, JsonObject? config, string listName = "layers")
    {
        switch (layer)
        {
            case Model model:
                return ModelLayers(model, config, listName);
            case Bidirectional b:
                return [("forward_layer", b.ForwardLayer, null), ("backward_layer", b.BackwardLayer, null)];
            case Rnn r:
                return [("cell", r.Cell, null)];
            case StackedRnnCells s:
                var keys = StoreNames.Numbered(s.Cells.Select(c => c.KerasClassName));
                return s.Cells.Select((c, i) => ($"cells/{keys[i]}", (Layer)c, (JsonObject?)null)).ToList();
            case TimeDistributed t:
                return [("layer", t.Layer, null)];
        }
        return layer.Children.Count switch
        {
            0 => [],
            // Keras wrappers hold their one sub-object as `cell` (recurrent layers) or `layer` (other wrappers).
            1 => [(layer is ISequenceLayer ? "cell" : "layer", layer.Children[0], null)],
            _ => throw new NotSupportedException(
                $"{layer.KerasClassName} '{layer.Name}': cannot map its {layer.Children.Count} sub-layers to Keras weight-store paths."),
        };
    }

    private static List<(string, Layer, JsonObject?)> ModelLayers(Model model, JsonObject? config, string listName)
    {
        var layers = model.Layers;
        var byName = layers.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // The file's own layer order (what Keras numbered when it wrote the store), when it names every model layer.
        if (config?["config"]?["layers"] is JsonArray entries)
        {
            var listed = new List<(string Class, Layer Layer, JsonObject Entry)>();
            foreach (var entry in entries.OfType<JsonObject>())
            {
                string? cls = entry["class_name"]?.GetValue<string>();
                string? name = entry["config"]?["name"]?.GetValue<string>() ?? entry["name"]?.GetValue<string>();
                if (cls is null || name is null) { listed.Clear(); break; }
                if (model is Sequential && cls == "InputLayer") continue;   // Sequential.layers excludes its input
                if (!byName.TryGetValue(name, out var layer)) { listed.Clear(); break; }
                listed.Add((cls, layer, entry));
            }
            if (listed.Count == layers.Count)
            {
                var keys = StoreNames.Numbered(listed.Select(l => l.Class));
                return listed.Select((l, i) => ($"{listName}/{keys[i]}", l.Layer, (JsonObject?)l.Entry)).ToList();
            }
        }
        var names = StoreNames.Numbered(layers.Select(l => l.KerasClassName));
        return layers.Select((l, i) => ($"{listName}/{names[i]}", l, (JsonObject?)null)).ToList();
    }
}
