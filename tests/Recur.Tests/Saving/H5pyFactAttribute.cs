using System.Diagnostics;

namespace Recur.Tests.Saving;

/// <summary>A fact that needs Python with h5py (Debian: python3-h5py); reported as skipped, with the reason, without it.</summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public H5pyFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    /// <summary>Runs a Python script with arguments; returns the exit code and the combined output.</summary>
    public static (int Code, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    // Debian's h5py lives with the system interpreter, which a pyenv shim on PATH would hide.
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static string? Probe()
    {
        try
        {
            var (code, _) = Run("-c", "import h5py");
            return code == 0 ? null : "Python h5py is not installed (apt-get install python3-h5py).";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"No Python interpreter ({e.Message}).";
        }
    }
}
