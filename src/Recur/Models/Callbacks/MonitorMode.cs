namespace Recur.Models;

/// <summary>Keras's <c>mode</c> rule shared by EarlyStopping and ReduceLROnPlateau: "min", "max", or "auto" (max for
/// accuracy-like names, else min).</summary>
internal sealed class MonitorMode
{
    private readonly bool _max;

    public MonitorMode(string mode, string monitor)
    {
        if (mode is not ("auto" or "min" or "max")) throw new ArgumentException($"mode must be 'auto', 'min' or 'max'; received '{mode}'.");
        _max = mode == "max" || (mode == "auto" && (monitor.EndsWith("acc", StringComparison.Ordinal) || monitor.Contains("accuracy") || monitor.StartsWith("fmeasure", StringComparison.Ordinal)));
    }

    /// <summary>The worst possible value (start of the search).</summary>
    public double Worst => _max ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool IsImprovement(double current, double best, double minDelta) =>
        _max ? current - Math.Abs(minDelta) > best : current + Math.Abs(minDelta) < best;
}
