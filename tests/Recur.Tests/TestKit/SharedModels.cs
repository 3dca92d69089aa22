using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recur.Tests.TestKit;

/// <summary>
/// The real Keras models in <c>../shared/models</c> (beside the repository root, found by walking up from the test binaries
/// to <c>Recur.sln</c>, or beside one of its ancestors), and their model configs as JSON text.
/// </summary>
public static class SharedModels
{
    // ../shared/models from the repository root; a git worktree nested one level deeper (wt/<branch>) finds it further up.
    private static readonly Lazy<string?> Dir = new(() =>
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Recur.sln"))) root = root.Parent;
        for (var d = root?.Parent; d is not null; d = d.Parent)
        {
            var models = Path.Combine(d.FullName, "shared", "models");
            if (Directory.Exists(models)) return models;
        }
        return null;
    });

    /// <summary>Why a test over <paramref name="file"/> cannot run here, or null when it can.</summary>
    public static string? Unavailable(string file) =>
        Dir.Value is null ? "../shared/models is absent (no shared/models folder beside or above the Recur.sln above the test binaries)"
        : !File.Exists(Path.Combine(Dir.Value, file)) ? $"{file} is absent from {Dir.Value}"
        : null;

    /// <summary>
    /// The model config of a stored file: <c>config.json</c> of a <c>.keras</c> zip, the file itself for a JSON sidecar, or
    /// the <c>model_config</c> attribute of a legacy HDF5 file.
    /// </summary>
    /// <remarks>HDF5 keeps a variable-length string attribute's bytes contiguous in a global heap, so the config is the first
    /// complete JSON object starting with <c>{"class_name"</c> in the file (checked against h5py for all stored files). A test
    /// shortcut, not a reader: Recur's HDF5 reader lives in another branch.</remarks>
    public static string ConfigJson(string file)
    {
        var path = Path.Combine(Dir.Value ?? throw new InvalidOperationException(Unavailable(file)), file);
        var bytes = File.ReadAllBytes(path);
        if (bytes is [(byte)'P', (byte)'K', ..])
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
            return reader.ReadToEnd();
        }
        if (bytes is [(byte)'{', ..]) return Encoding.UTF8.GetString(bytes);
        int start = bytes.AsSpan().IndexOf("{\"class_name\""u8);
        if (start < 0) throw new InvalidDataException($"{file}: no model_config found.");
        var json = new Utf8JsonReader(bytes.AsSpan(start));
        json.Read();
        json.Skip();
        return Encoding.UTF8.GetString(bytes, start, (int)json.BytesConsumed);
    }

    /// <summary>Every <c>class_name</c> of a layer-like envelope in a config (used to name layers a branch lacks).</summary>
    public static IEnumerable<string> ClassNames(JsonNode? node) => node switch
    {
        JsonObject o => (o["class_name"] is JsonValue v && v.TryGetValue(out string? s) && o["config"] is not null ? [s] : Array.Empty<string>())
            .Concat(o.SelectMany(kv => ClassNames(kv.Value))),
        JsonArray a => a.SelectMany(ClassNames),
        _ => [],
    };
}

/// <summary>
/// A test over one stored real model: skipped, with the reason, when the models folder or the file is absent, or when the
/// config names layer classes this branch does not register yet. Never a silent pass.
/// </summary>
public sealed class RealModelFactAttribute : FactAttribute
{
    public RealModelFactAttribute(string file)
    {
        Skip = SharedModels.Unavailable(file) ?? MissingClasses(file);
    }

    private static string? MissingClasses(string file)
    {
        var known = Recur.Layers.KerasRegistry.LayerClassNames.ToHashSet();
        var layerClasses = new[] { "Conv1D", "Conv2D", "Conv3D", "MaxPooling1D", "MaxPooling2D", "ConvLSTM1D", "ConvLSTM2D" };
        var missing = SharedModels.ClassNames(JsonNode.Parse(SharedModels.ConfigJson(file)))
            .Where(c => layerClasses.Contains(c) && !known.Contains(c)).Distinct().Order().ToList();
        return missing.Count == 0 ? null
            : $"{file} needs {string.Join(", ", missing)}, which this branch does not register yet (convolution layers come from branch 'conv').";
    }
}
