using Recur.Layers;
using Recur.Models;
using Recur.Saving.Hdf5;

namespace Recur.Saving;

/// <summary>
/// Legacy HDF5 weights (Keras 1/2, tf.keras, Keras 3 <c>save("x.h5")</c>): the k-th model layer that has weights takes
/// the k-th layer group whose <c>weight_names</c> is non-empty, and the i-th weight takes <c>group[weight_names[i]]</c>
/// (spec §2.4). Names are informative only, as in Keras.
/// </summary>
internal static class LegacyWeights
{
    /// <summary>True for a group with a <c>layer_names</c> attribute (split or not).</summary>
    public static bool Recognizes(Hdf5Group group) => group.Attribute("layer_names") is not null || group.Attribute("layer_names0") is not null;

    /// <summary>Assigns the weights stored in <paramref name="group"/> (<c>/model_weights</c> or a weights-only file's root).</summary>
    public static void Load(Model model, Hdf5Group group, string source)
    {
        Keras3WeightStore.RequireBuilt(model, source);
        var fileLayers = new List<(string Name, Hdf5Group Group, IReadOnlyList<string> WeightNames)>();
        foreach (var name in SplitList(group, "layer_names", source))
        {
            var g = group.Group(name) ?? throw new KerasFormatException($"'{source}': layer_names lists '{name}' but '{group.Path}' has no such group.");
            var weights = SplitList(g, "weight_names", source);
            if (weights.Count > 0) fileLayers.Add((name, g, weights));
        }
        var modelLayers = model.Layers.Where(l => l.Weights.Count > 0).ToList();
        if (modelLayers.Count != fileLayers.Count)
            throw new KerasFormatException(
                $"'{source}': the model has {modelLayers.Count} layer(s) with weights [{string.Join(", ", modelLayers.Select(l => l.Name))}]; " +
                $"the file has {fileLayers.Count} [{string.Join(", ", fileLayers.Select(l => l.Name))}].");
        var plan = new WeightAssignment(source);
        for (int k = 0; k < modelLayers.Count; k++)
        {
            var layer = modelLayers[k];
            var (name, g, weightNames) = fileLayers[k];
            var targets = KerasObjects.AllVariables(layer);
            plan.CheckCount(layer, layer.Name, targets, weightNames.Count, $"{g.Path} (file layer '{name}')");
            for (int i = 0; i < targets.Count; i++)
            {
                var ds = g.Dataset(weightNames[i])
                    ?? throw new KerasFormatException($"'{source}': weight_names of '{g.Path}' lists '{weightNames[i]}' but there is no such dataset.");
                plan.Add(layer, layer.Name, targets[i], ds.IntShape, ds.ReadFloat32, ds.Path);
            }
        }
        plan.Apply();
    }

    /// <summary>A string-list attribute, or its <c>name0</c>, <c>name1</c> … chunks (Keras splits lists over 64 KB).</summary>
    public static IReadOnlyList<string> SplitList(Hdf5Node node, string name, string source)
    {
        try
        {
            if (node.Attribute(name) is { } whole) return whole.AsStrings();
            var all = new List<string>();
            for (int i = 0; node.Attribute($"{name}{i}") is { } chunk; i++) all.AddRange(chunk.AsStrings());
            return all;
        }
        catch (Hdf5FormatException e)
        {
            throw new KerasFormatException($"'{source}': '{node.Path}': {e.Message}", e);
        }
    }
}
