using System.IO.Compression;
using System.Text;

namespace Recur.Tests.TestKit;

/// <summary>
/// The real Keras models in <c>../shared/models</c> (beside the repository root, found by walking up from the test binaries
/// to <c>Recur.sln</c>, or beside one of its ancestors), and their model configs as JSON text.
/// </summary>
public static class SharedModels
{
    // One locator for the whole test project: RepoPaths (the folder holding Recur.sln, then the nearest shared/models above it).
    private static readonly Lazy<string?> Dir = new(() => Directory.Exists(Saving.RepoPaths.Models) ? Saving.RepoPaths.Models : null);

    /// <summary>Why a test over <paramref name="file"/> cannot run here, or null when it can.</summary>
    public static string? Unavailable(string file) =>
        Dir.Value is null ? "../shared/models is absent (no shared/models folder beside or above the Recur.sln above the test binaries)"
        : !File.Exists(Path.Combine(Dir.Value, file)) ? $"{file} is absent from {Dir.Value}"
        : null;

    /// <summary>
    /// The model config of a stored file: <c>config.json</c> of a <c>.keras</c> zip, the file itself for a JSON sidecar, or
    /// the <c>model_config</c> attribute of a legacy HDF5 file (read with Recur's HDF5 reader, itself checked against h5py
    /// in <c>Hdf5RealFileTests</c>).
    /// </summary>
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
        return Recur.Saving.Hdf5.Hdf5File.Open(bytes, path).Root.Attribute("model_config")?.AsString()
            ?? throw new InvalidDataException($"{file}: no model_config attribute.");
    }
}

/// <summary>
/// A test over one stored real model: skipped, with the reason, when the models folder or the file is absent.
/// Never a silent pass.
/// </summary>
public sealed class RealModelFactAttribute : FactAttribute
{
    public RealModelFactAttribute(string file)
    {
        Skip = SharedModels.Unavailable(file);
    }
}
