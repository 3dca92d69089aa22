using System.Globalization;
using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;
using Recur.Saving.Hdf5;

namespace Recur.Saving;

/// <summary>
/// Loads and saves Keras model files. The kind is detected from the content (spec §0), never from the extension:
/// zip → <c>.keras</c> archive; HDF5 with <c>model_config</c> → legacy full model; HDF5 with <c>layer_names</c> →
/// legacy weights; HDF5 with a <c>layers</c> group → Keras 3 weights.
/// </summary>
internal sealed class KerasFiles : IModelFiles
{
    /// <summary>The Keras version written to <c>metadata.json</c>: files use the 3.x config dialect Keras 3.8 reads.</summary>
    public const string TargetKerasVersion = "3.8.0";

    public Model Load(string path, KerasLoadOptions? options)
    {
        if (Directory.Exists(path) && File.Exists(Path.Combine(path, KerasArchive.Config)))
            return LoadUnzipped(path, options);
        return Load(ReadAll(path), path, options);
    }

    public Model Load(Stream stream, string source, KerasLoadOptions? options)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Load(ms.ToArray(), source, options);
    }

    private static Model Load(byte[] data, string source, KerasLoadOptions? options)
    {
        if (KerasArchive.HasSignature(data))
        {
            var members = KerasArchive.Read(data, source);
            if (!members.TryGetValue(KerasArchive.Config, out var config))
                throw new KerasFormatException($"'{source}': the zip archive has no {KerasArchive.Config}; it is not a .keras model.");
            return FromArchive(KerasArchive.Text(config), members.GetValueOrDefault(KerasArchive.Metadata), members.GetValueOrDefault(KerasArchive.Weights),
                members.ContainsKey("model.weights.npz"), source, options);
        }
        if (Hdf5File.HasSignature(data))
        {
            var file = Hdf5File.Open(data, source);
            if (file.Root.Attribute("model_config") is { } modelConfig) return FromLegacy(file, modelConfig, options);
            if (LegacyWeights.Recognizes(file.Root))
                throw new KerasFormatException(
                    $"'{source}' holds only weights (Keras 2 save_weights), no architecture: build the model from its config, then call LoadWeights.");
            if (Keras3WeightStore.Recognizes(file.Root))
                throw new KerasFormatException(
                    $"'{source}' is a Keras 3 weights file (.weights.h5) without architecture: build the model from its config, then call LoadWeights.");
            throw new KerasFormatException($"'{source}' is an HDF5 file but not a Keras model (no model_config attribute).");
        }
        throw new KerasFormatException($"'{source}' is neither a Keras .keras (zip) archive nor an HDF5 file (first bytes: {Head(data)}).");
    }

    private static Model LoadUnzipped(string directory, KerasLoadOptions? options)
    {
        byte[]? Member(string name) => File.Exists(Path.Combine(directory, name)) ? File.ReadAllBytes(Path.Combine(directory, name)) : null;
        return FromArchive(File.ReadAllText(Path.Combine(directory, KerasArchive.Config)), Member(KerasArchive.Metadata), Member(KerasArchive.Weights), false,
            directory, options);
    }

    private static Model FromArchive(string configText, byte[]? metadata, byte[]? weights, bool npz, string source, KerasLoadOptions? options)
    {
        var config = ModelConfig.Parse(configText, source, KerasArchive.Config);
        string? version = null;
        if (metadata is not null && ModelConfig.Parse(KerasArchive.Text(metadata), source, KerasArchive.Metadata)["keras_version"] is JsonValue v)
            v.TryGetValue(out version);
        if (weights is null)
            throw new KerasFormatException(npz
                ? $"'{source}': weights stored as model.weights.npz are not supported; re-save with the default weights format."
                : $"'{source}': the archive has no {KerasArchive.Weights}.");
        var store = Hdf5File.Open(weights, $"{source}!{KerasArchive.Weights}");
        var model = ModelConfig.Build(config, version, source, options);
        Keras3WeightStore.Load(model, store, config);
        return model;
    }

    private static Model FromLegacy(Hdf5File file, Hdf5Attribute modelConfig, KerasLoadOptions? options)
    {
        var config = ModelConfig.Parse(AttributeString(modelConfig, file.Source), file.Source, "the model_config attribute");
        string? version = file.Root.Attribute("keras_version") is { } v ? AttributeString(v, file.Source) : null;
        var model = ModelConfig.Build(config, version, file.Source, options);
        var weights = file.Root.Group("model_weights")
            ?? throw new KerasFormatException($"'{file.Source}' has a model_config but no model_weights group.");
        LegacyWeights.Load(model, weights, file.Source);
        return model;
    }

    public void LoadWeights(Model model, string path)
    {
        byte[] data = ReadAll(path);
        Hdf5File file;
        JsonObject? config = null;
        if (KerasArchive.HasSignature(data))
        {
            var members = KerasArchive.Read(data, path);
            file = Hdf5File.Open(members.GetValueOrDefault(KerasArchive.Weights)
                ?? throw new KerasFormatException($"'{path}': the archive has no {KerasArchive.Weights}."), $"{path}!{KerasArchive.Weights}");
            if (members.TryGetValue(KerasArchive.Config, out var c)) config = ModelConfig.Parse(KerasArchive.Text(c), path, KerasArchive.Config);
        }
        else if (Hdf5File.HasSignature(data)) file = Hdf5File.Open(data, path);
        else throw new KerasFormatException($"'{path}' is neither a Keras archive nor an HDF5 weights file (first bytes: {Head(data)}).");

        if (file.Root.Group("model_weights") is { } full && LegacyWeights.Recognizes(full)) LegacyWeights.Load(model, full, path);
        else if (LegacyWeights.Recognizes(file.Root)) LegacyWeights.Load(model, file.Root, path);
        else if (Keras3WeightStore.Recognizes(file.Root)) Keras3WeightStore.Load(model, file, config);
        else throw new KerasFormatException($"'{path}' is an HDF5 file without Keras weights (no layer_names attribute, no layers group).");
    }

    public void Save(Model model, string path)
    {
        var envelope = KerasSerializer.Serialize(model);
        if (envelope["config"] is not JsonObject c || c["layers"] is null)
            throw new NotSupportedException($"Saving {model.KerasClassName} model '{model.Name}': its config does not list its layers, so Keras could not rebuild it.");
        envelope["compile_config"] = null;
        KerasFileDialect.Apply(envelope);
        var metadata = new JsonObject
        {
            ["keras_version"] = TargetKerasVersion,
            ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
        };
        var weights = Hdf5Writer.Write(Keras3WeightStore.Build(model));
        AtomicFile.Write(path, s => KerasArchive.Write(s, envelope.ToJsonString(), metadata.ToJsonString(), weights));
    }

    public void SaveWeights(Model model, string path)
    {
        var weights = Hdf5Writer.Write(Keras3WeightStore.Build(model));
        AtomicFile.Write(path, s => s.Write(weights));
    }

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return File.ReadAllBytes(path);
    }

    private static string AttributeString(Hdf5Attribute a, string source)
    {
        try
        {
            return a.AsString();
        }
        catch (Hdf5FormatException e)
        {
            throw new KerasFormatException($"'{source}': {e.Message}", e);
        }
    }

    private static string Head(byte[] data) => Convert.ToHexString(data.AsSpan(0, Math.Min(8, data.Length)));
}
