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
            var datasets = weightNames.Select(w => g.Dataset(w)
                ?? throw new KerasFormatException($"'{source}': weight_names of '{g.Path}' lists '{w}' but there is no such dataset.")).ToList();
            var values = datasets.Select(d => (Shape: d.IntShape, Read: (Func<float[]>)d.ReadFloat32, d.Path)).ToList();
            ConvertCudnn(layer, datasets, values);
            for (int i = 0; i < targets.Count; i++) plan.Add(layer, layer.Name, targets[i], values[i].Shape, values[i].Read, values[i].Path);
        }
        plan.Apply();
    }

    // Keras 2 CuDNNLSTM/CuDNNGRU weights (detected by their bias length, spec §2.4) become LSTM/GRU weights, cell by cell.
    private static void ConvertCudnn(Layer layer, List<Hdf5Dataset> datasets, List<(int[] Shape, Func<float[]> Read, string Path)> values)
    {
        int offset = 0;
        foreach (var (owner, own) in KerasObjects.Segments(layer))
        {
            if (own.Count == 3 && owner is StandardRnnCell cell && offset + 3 <= datasets.Count)
            {
                int[] biasShape = datasets[offset + 2].IntShape;
                bool lstm = owner.KerasClassName == "LSTMCell" && CudnnWeights.IsCudnnLstm(biasShape, cell.Units);
                bool gru = owner.KerasClassName == "GRUCell" && CudnnWeights.IsCudnnGru(biasShape, cell.Units);
                if (lstm || gru)
                {
                    var t = datasets.Skip(offset).Take(3).Select(d => new Tensor(d.ReadFloat32(), d.IntShape)).ToArray();
                    var converted = lstm ? CudnnWeights.ToLstm(t[0], t[1], t[2], cell.Units) : CudnnWeights.ToGru(t[0], t[1], t[2], cell.Units);
                    for (int i = 0; i < 3; i++)
                    {
                        var c = converted[i];
                        values[offset + i] = (c.Shape, c.ToArray, values[offset + i].Path + " (cuDNN, converted)");
                    }
                }
            }
            offset += own.Count;
        }
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
