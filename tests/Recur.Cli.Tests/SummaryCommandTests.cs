namespace Recur.Cli.Tests;

public class SummaryCommandTests
{
    [Fact]
    public void PrintsTheKerasTableOfASavedModel()
    {
        using var folder = new TempFolder();
        var model = TrainedModel.In(folder);
        if (model is null)
        {
            CliRun.Of("summary", folder.File("model.keras", "x")).AssertOneLineError(1, "saving not available in this build");
            return;
        }
        var run = CliRun.Of("summary", model);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Total params", run.Output);
        Assert.Contains("(Bidirectional)", run.Output);
    }

    [Fact]
    public void AMissingFileIsAOneLineErrorWithExitCode2() =>
        CliRun.Of("summary", "/no/such/model.keras").AssertOneLineError(2, "/no/such/model.keras: no such model file");
}
