using Recur.Layers;
using Recur.Models;

namespace Recur.Cli;

/// <summary>Saves and loads model files through the library (<c>model.Save</c>, <c>Model.Load</c>), turning a bad file into
/// a one-line <see cref="UserInputException"/>.</summary>
internal static class ModelFiles
{
    /// <summary>Writes <paramref name="model"/> as a Keras 3 <c>.keras</c> archive, creating the folder. The library writes
    /// atomically (a temporary file renamed over the old one), so an interrupted save never leaves a half-written model.</summary>
    public static void Save(Model model, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        model.Save(path);
    }

    /// <summary>Reads a model file (<c>.keras</c> or HDF5, detected from its content).</summary>
    public static Model Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such model file");
        try
        {
            return Model.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KerasFormatException or InvalidDataException
                                      or NotSupportedException)
        {
            throw new UserInputException($"{path}: cannot load the model: {e.Message}", e);
        }
    }
}
