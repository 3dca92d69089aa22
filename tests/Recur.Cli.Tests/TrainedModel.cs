namespace Recur.Cli.Tests;

/// <summary>A small segmentation model saved by <c>recur train</c>, for the commands that read model files.</summary>
internal static class TrainedModel
{
    /// <summary>The model's path.</summary>
    public static string In(TempFolder folder)
    {
        var text = folder.File("sentences.txt", "the cat sat\nthen the cats ran\na cart\n");
        var path = Path.Combine(folder.Path, "model.keras");
        var run = CliRun.Of("train", text, "--output", path, "--epochs", "1", "--units", "4");
        Assert.True(run.ExitCode == 0, run.Error);
        return path;
    }
}
