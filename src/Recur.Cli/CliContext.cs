using Spectre.Console;

namespace Recur.Cli;

/// <summary>Where a command writes: rich output (tables, progress) to <see cref="Console"/>, plain text (help, JSON/CSV
/// predictions) to <see cref="Output"/>, one-line errors to <see cref="Error"/>. Tests pass recording writers; the program
/// passes the terminal.</summary>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Output, TextWriter Error)
{
    /// <summary>A context writing plain text (no colours, no live redraws, 160 columns) to <paramref name="output"/>.</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // Wide enough that a line of text is one line of output, whatever the file paths in it.
        console.Profile.Width = 160;
        return new CliContext(console, output, error);
    }
}
