namespace Recur.Cli.Tests;

public class SummaryCommandTests
{
    [Fact]
    public void PrintsTheKerasTableOfASavedModel()
    {
        using var folder = new TempFolder();
        var model = TrainedModel.In(folder);
        var run = CliRun.Of("summary", model);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Total params", run.Output);
        Assert.Contains("(Embedding)", run.Output);   // short: the summary cuts long names, and names get numbers as tests build models
    }

    [Fact]
    public void AMissingFileIsAOneLineErrorWithExitCode2() =>
        CliRun.Of("summary", "/no/such/model.keras").AssertOneLineError(2, "/no/such/model.keras: no such model file");
}
