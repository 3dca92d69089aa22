using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;
using Recur.Saving.Hdf5;

namespace Recur.Saving;

/// <summary>
/// The Keras 3 weight store (<c>model.weights.h5</c>, <c>.weights.h5</c>): variables live at
/// <c>&lt;object path&gt;/vars/&lt;i&gt;</c>, found by walking the model as Keras does (spec §1.4).
/// </summary>
internal static class Keras3WeightStore
{
    /// <summary>True when the file looks like a Keras 3 store (a <c>layers</c> or tf.keras 2.13 <c>_layer_checkpoint_dependencies</c> group).</summary>
    public static bool Recognizes(Hdf5Group root) =>
        root.Child("layers") is Hdf5Group || root.Child("_layer_checkpoint_dependencies") is Hdf5Group;

    /// <summary>Assigns every variable of <paramref name="model"/> from the store; <paramref name="config"/> is the file's model config, if any.</summary>
    public static void Load(Model model, Hdf5File file, JsonObject? config)
    {
        RequireBuilt(model, file.Source);
        var plan = new WeightAssignment(file.Source);
        // tf.keras 2.13 visited `_layer_checkpoint_dependencies` first, so its layers live there (Keras 3 falls back the same way).
        string listName = file.Root.Child("layers") is null && file.Root.Child("_layer_checkpoint_dependencies") is not null
            ? "_layer_checkpoint_dependencies" : "layers";
        Collect(model, file.Root, "", "", config, listName, plan);
        plan.Apply();
    }

    private static void Collect(Layer layer, Hdf5Group? group, string path, string names, JsonObject? config, string listName, WeightAssignment plan)
    {
        string owner = names.Length == 0 ? layer.Name : names;
        var own = KerasObjects.OwnVariables(layer);
        string varsPath = path.Length == 0 ? "vars" : $"{path}/vars";
        var vars = group?.Child("vars") as Hdf5Group;
        int count = vars?.Children.OfType<Hdf5Dataset>().Count() ?? 0;
        plan.CheckCount(layer, owner, own, count, varsPath);
        for (int i = 0; i < own.Count; i++)
        {
            var ds = vars!.Dataset(i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new KerasFormatException($"'{varsPath}': dataset '{i}' is missing (layer '{layer.Name}').");
            plan.Add(layer, owner, own[i], ds.IntShape, ds.ReadFloat32, $"{varsPath}/{i}");
        }
        foreach (var (childPath, child, childConfig) in KerasObjects.Children(layer, config, listName))
            Collect(child, group?.Group(childPath), path.Length == 0 ? childPath : $"{path}/{childPath}",
                names.Length == 0 ? child.Name : $"{names}/{child.Name}", childConfig, "layers", plan);
    }

    /// <summary>The store for <paramref name="model"/>: every object's <c>vars</c> group (named, as Keras ≥ 3.6 writes) and its variables.</summary>
    public static Hdf5WriteGroup Build(Model model)
    {
        RequireBuilt(model, model.Name);
        var root = new Hdf5WriteGroup();
        Add(model, root);
        return root;
    }

    private static void Add(Layer layer, Hdf5WriteGroup group)
    {
        var vars = group.Group("vars");
        vars.Attributes["name"] = layer.Name;
        var own = KerasObjects.OwnVariables(layer);
        for (int i = 0; i < own.Count; i++)
            vars.Dataset(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hdf5WriteDataset.Float32(own[i].Value.ToArray(), own[i].Shape));
        foreach (var (childPath, child, _) in KerasObjects.Children(layer, null)) Add(child, group.Group(childPath));
    }

    internal static void RequireBuilt(Model model, string source)
    {
        if (!model.Built)
            throw new InvalidOperationException(
                $"'{source}': model '{model.Name}' is not built, so it has no weights yet; give it an Input (or call it once) first.");
    }
}
