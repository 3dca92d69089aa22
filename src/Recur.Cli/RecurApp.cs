using System.CommandLine;
using Recur.Cli.Commands;

namespace Recur.Cli;

/// <summary>The <c>recur</c> command line: parses, runs one subcommand, and turns failures into one-line errors and exit codes.</summary>
internal static class RecurApp
{
    /// <summary>Shows the stack trace of a failure as well as its one-line message.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Show stack traces on errors.", Recursive = true };

    /// <summary>Runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("recur: Keras-style bidirectional recurrent models in .NET, from the command line.")
        {
            DemoCommand.Create(context),
            SummaryCommand.Create(context),
            PredictCommand.Create(context),
            TrainCommand.Create(context),
            BenchCommand.Create(context),
        };
        root.Options.Add(Verbose);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Error.WriteLine($"recur: {error.Message}");
            context.Error.WriteLine("recur: run 'recur --help' for usage");
            return ExitCodes.BadInput;
        }
        bool verbose = parse.GetValue(Verbose);
        try
        {
            // Ctrl+C is handled by the caller's token (Program), so the library's own handling stays off.
            var configuration = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
                Output = context.Output,
                Error = context.Error,
            };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e)
        {
            return Report(e, context.Error, verbose);
        }
    }

    /// <summary>Prints one line for <paramref name="e"/> (plus the stack trace when verbose) and picks the exit code.</summary>
    internal static int Report(Exception e, TextWriter error, bool verbose)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        var (code, message) = e switch
        {
            OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
            UserInputException => (ExitCodes.BadInput, e.Message),
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.BadInput, e.Message),
            _ => (ExitCodes.Failed, $"unexpected error: {e.GetType().Name}: {e.Message}" + (verbose ? "" : " (run with --verbose for the stack trace)")),
        };
        error.WriteLine($"recur: {OneLine(message)}");
        if (verbose && e is not OperationCanceledException) error.WriteLine(e);
        return code;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
