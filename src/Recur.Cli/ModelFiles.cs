using System.Reflection;
using Recur.Layers;
using Recur.Models;

namespace Recur.Cli;

/// <summary>
/// Saves and loads model files through the library's <c>model.Save(path)</c> and <c>Model.Load(path)</c>, atomically.
/// </summary>
/// <remarks>
/// Saving and loading are being written in the library (branch <c>hdf5</c>); until they land, this build cannot do either.
/// The methods are looked up at run time so this tool keeps building on both sides of that merge, and says plainly when
/// they are missing instead of writing something that is not a model file. Replace the look-up with direct calls once
/// <c>Model.Load</c> is on main.
/// </remarks>
internal static class ModelFiles
{
    /// <summary>The message every command prints when the library cannot save or load.</summary>
    public const string SavingUnavailable = "saving not available in this build (this Recur library has no Model.Save/Model.Load yet)";

    private static readonly MethodInfo? SaveMethod =
        typeof(Model).GetMethod("Save", BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);

    private static readonly MethodInfo? LoadMethod =
        typeof(Model).GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);

    /// <summary>Whether this build can save and load models.</summary>
    public static bool Available => SaveMethod is not null && LoadMethod is not null && typeof(Model).IsAssignableFrom(LoadMethod.ReturnType);

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> through a temporary file in the same folder that is then
    /// renamed over it, so an interrupted save never leaves a half-written model where a good one was.
    /// </summary>
    public static void Save(Model model, string path)
    {
        if (!Available) throw new FeatureUnavailableException(SavingUnavailable);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        // Keep the extension: the library picks the file format from it.
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.tmp{Path.GetExtension(full)}");
        try
        {
            Invoke(SaveMethod!, model, temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads a model file; a missing or unreadable file is a <see cref="UserInputException"/>.</summary>
    public static Model Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such model file");
        if (!Available) throw new FeatureUnavailableException(SavingUnavailable);
        try
        {
            return (Model)Invoke(LoadMethod!, null, path)!;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException
                                      or NotSupportedException or KerasFormatException)
        {
            throw new UserInputException($"{path}: cannot load the model: {e.Message}", e);
        }
    }

    // Reflection wraps what the method throws; callers need the library's own exception to report it.
    private static object? Invoke(MethodInfo method, object? target, string path)
    {
        try
        {
            return method.Invoke(target, [path]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
