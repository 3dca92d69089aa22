using Recur.Cli;
using Spectre.Console;

// The first Ctrl+C asks the running command to stop at the next batch (it then saves what it has and exits 130);
// a second one ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
return await RecurApp.RunAsync(args, new CliContext(AnsiConsole.Console, Console.Out, Console.Error), interrupt.Token);
