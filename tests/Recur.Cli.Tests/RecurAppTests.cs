namespace Recur.Cli.Tests;

public class RecurAppTests
{
    [Fact]
    public void HelpListsEveryCommand()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "demo", "summary", "predict", "train", "bench" }) Assert.Contains(command, run.Output);
    }

    [Fact]
    public void UnknownCommandsAndOptionsAreBadInput()
    {
        var run = CliRun.Of("demo", "--no-such-option");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error);
    }

    [Fact]
    public void UnexpectedErrorsAreOneLineWithExitCode1UnlessVerbose()
    {
        var error = new StringWriter();
        Assert.Equal(1, RecurApp.Report(new InvalidOperationException("boom\nsecond line"), error, verbose: false));
        Assert.Equal("recur: unexpected error: InvalidOperationException: boom second line (run with --verbose for the stack trace)\n",
            error.ToString().ReplaceLineEndings("\n"));
    }
}
