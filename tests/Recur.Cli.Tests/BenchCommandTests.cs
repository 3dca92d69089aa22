using Recur.Cli.Commands;

namespace Recur.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void FindsTheSuiteInTheCloneAndShowsTheCommand()
    {
        // Tests run from bin/ inside the clone, so the suite is found by walking up.
        var run = CliRun.Of("bench", "--dry-run", "--", "recurrent", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("would run", run.Output);
        Assert.Contains("dotnet run -c Release --project bench/Recur.Bench/Recur.Bench.csproj -- recurrent --help", run.Output);
    }

    [Fact]
    public async Task OutsideACloneItSaysHowToRunTheSuite()
    {
        using var folder = new TempFolder();
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = await BenchCommand.Run(CliContext.ForWriters(output, error), [], dryRun: false, folder.Path, CancellationToken.None);
        Assert.Equal(1, code);
        Assert.Contains("dotnet run -c Release --project bench/Recur.Bench/Recur.Bench.csproj -- bidirectional", error.ToString());
    }
}
