namespace Recur.Tests.Saving;

/// <summary>Locates the repository (the folder holding Recur.sln) and the shared real-model folder next to it.</summary>
public static class RepoPaths
{
    /// <summary>The repository root, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// <c>../shared/models</c> relative to the repository root (may not exist). A git worktree sits one level deeper
    /// (<c>wt/name</c>), so the nearest <c>shared/models</c> above the root is taken.
    /// </summary>
    public static string Models { get; } = FindModels();

    /// <summary>The committed h5py-written reference files.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Recur.Tests", "Saving", "Fixtures");

    public static string Model(string name) => Path.Combine(Models, name);

    private static string FindModels()
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "models");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.GetFullPath(Path.Combine(Root, "..", "shared", "models"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Recur.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Recur.sln above {AppContext.BaseDirectory}.");
    }
}
