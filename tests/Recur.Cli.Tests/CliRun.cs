namespace Recur.Cli.Tests;

/// <summary>Runs <c>recur</c> in-process with recording writers: what a user would see on stdout and stderr, and the exit code.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(CancellationToken.None, args);

    public static CliRun Of(CancellationToken cancellationToken, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = RecurApp.RunAsync(args, CliContext.ForWriters(output, error), cancellationToken).GetAwaiter().GetResult();
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The error output has exactly one line, and no stack trace.</summary>
    public void AssertOneLineError(int exitCode, string containing)
    {
        Assert.Equal(exitCode, ExitCode);
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line; got:\n{Error}");
        Assert.Contains(containing, lines[0]);
        Assert.DoesNotContain("   at ", Error);
    }
}
