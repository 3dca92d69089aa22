using System.CommandLine;

namespace Recur.Cli.Commands;

/// <summary><c>recur summary MODEL</c>: Keras's <c>model.summary()</c> table for any model file Recur loads.</summary>
internal static class SummaryCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file (.keras or .h5)." };
        var command = new Command("summary", "Print the layers, output shapes and parameter counts of a saved model.") { model };
        command.SetAction((parse, _) => Task.FromResult(Run(context, parse.GetValue(model)!)));
        return command;
    }

    internal static int Run(CliContext context, string path)
    {
        ModelFiles.Load(path).Summary(context.Output);
        return ExitCodes.Ok;
    }
}
