namespace Recur.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a command-line error, a missing or malformed file, a shape that does not fit.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
