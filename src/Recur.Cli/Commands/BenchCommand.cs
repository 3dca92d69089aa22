using System.CommandLine;
using System.Diagnostics;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur bench [COMMAND] [-- OPTIONS]</c>: runs the repository's benchmark suite (bench/Recur.Bench) in Release.
/// The suite is a separate program that is not shipped with the tool, so this finds it in the clone it runs from.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The suite's project, relative to the repository root.</summary>
    public const string ProjectPath = "bench/Recur.Bench/Recur.Bench.csproj";

    public static Command Create(CliContext context)
    {
        var arguments = new Argument<string[]>("ARGS")
        {
            Description = "The suite's command and its options (default: bidirectional); put options after --, e.g. recur bench bidirectional -- --help.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the command that would run, and stop." };
        var command = new Command("bench", "Run the benchmark suite (bench/Recur.Bench) from a clone of the repository.") { arguments, dryRun };
        command.SetAction((parse, cancellationToken) =>
            Run(context, parse.GetValue(arguments) ?? [], parse.GetValue(dryRun), Directory.GetCurrentDirectory(), cancellationToken));
        return command;
    }

    internal static async Task<int> Run(CliContext context, string[] arguments, bool dryRun, string startFolder, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0) arguments = ["bidirectional"];
        var root = FindRepository(startFolder);
        if (root is null)
        {
            context.Error.WriteLine($"recur: bench: {ProjectPath} not found in {startFolder} or its parents; the suite ships with the source, so run this from a clone:");
            context.Error.WriteLine($"recur:   git clone <repository> && cd Recur && dotnet run -c Release --project {ProjectPath} -- {string.Join(' ', arguments)}");
            return ExitCodes.Failed;
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var a in (string[])["run", "-c", "Release", "--project", ProjectPath, "--", .. arguments]) start.ArgumentList.Add(a);
        context.Output.WriteLine($"{(dryRun ? "would run" : "running")} (in {root}): dotnet {string.Join(' ', start.ArgumentList)}");
        if (dryRun) return ExitCodes.Ok;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start 'dotnet'");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }

    /// <summary>The nearest folder at or above <paramref name="folder"/> that holds the suite's project.</summary>
    internal static string? FindRepository(string folder)
    {
        for (var d = new DirectoryInfo(folder); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, ProjectPath))) return d.FullName;
        return null;
    }
}
