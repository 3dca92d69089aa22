using System.Diagnostics;

namespace Recur.Bench;

/// <summary>What one measured cell produced: call-time statistics (ms) plus memory and background load.</summary>
internal sealed record RnnStats(
    double MedianMs, double P10Ms, double P90Ms, double MinMs, double MeanMs, int Reps, int Warmup, double BgLoad,
    double AllocatedBytesPerCall, double Gen0PerCall, double Gen2PerCall, double GcPauseMsPerCall, long PeakWorkingSetBytes);

/// <summary>
/// The anchors' timing method (torch_rnn.py <c>measure</c>): warm-up calls, then calls timed one by one until both the
/// minimum time and the minimum count are reached (capped at a maximum count); median, p10/p90 by linear interpolation,
/// and the share of the machine's CPU used by other processes while timing (<c>bg_load</c>).
/// </summary>
internal static class RnnTiming
{
    /// <remarks>
    /// Warm-up is the anchors' call count (<paramref name="warmup"/>) and, unlike them, also at least
    /// <paramref name="warmupTimeS"/> seconds: the anchors run ahead-of-time compiled code, while .NET starts methods in
    /// tier 0 and re-compiles the hot ones in the background (after a delay that is 10× longer on a single CPU), so a
    /// 3-call warm-up of a small workload times the JIT, not the library. The reported <c>warmup</c> is the calls made.
    /// </remarks>
    public static RnnStats Measure(Action call, double minTimeS, int minReps, int maxReps, int warmup, double warmupTimeS)
    {
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < warmup; i++) call();
        while (warm.Elapsed.TotalSeconds < warmupTimeS)
        {
            call();
            warmup++;
        }
        ResetPeakWorkingSet();
        var samples = new List<double>(Math.Min(maxReps, 4096));
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var pause0 = GC.GetTotalPauseDuration();
        double busy0 = MachineBusySeconds(), own0 = Environment.CpuUsage.TotalTime.TotalSeconds;
        var wall = Stopwatch.StartNew();
        long minTicks = (long)(minTimeS * Stopwatch.Frequency);
        while (samples.Count < maxReps && (samples.Count < minReps || wall.ElapsedTicks < minTicks))
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        double wallS = wall.Elapsed.TotalSeconds;
        double own = Environment.CpuUsage.TotalTime.TotalSeconds - own0, busy = MachineBusySeconds() - busy0;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        int n = samples.Count;
        double bg = double.IsNaN(busy) ? 0 : Math.Clamp((busy - own) / (wallS * MachineCpus), 0, 1);
        samples.Sort();
        using var self = Process.GetCurrentProcess();
        return new RnnStats(Quantile(samples, 0.5), Quantile(samples, 0.1), Quantile(samples, 0.9), samples[0], samples.Average(),
            n, warmup, bg, (double)allocated / n, (double)(GC.CollectionCount(0) - gen0) / n, (double)(GC.CollectionCount(2) - gen2) / n,
            (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / n,
            self.PeakWorkingSet64);
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double idx = p * (sorted.Count - 1);
        int lo = (int)idx, hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo);
    }

    // The machine's logical CPUs (the anchors' os.cpu_count()); Environment.ProcessorCount follows DOTNET_PROCESSOR_COUNT.
    private static readonly int MachineCpus = CountMachineCpus();

    private static int CountMachineCpus()
    {
        try { return Math.Max(1, File.ReadLines("/proc/stat").Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3]))); }
        catch (IOException) { return Environment.ProcessorCount; }
        catch (UnauthorizedAccessException) { return Environment.ProcessorCount; }
    }

    // Busy CPU seconds of the whole machine since boot (/proc/stat: all but idle and iowait), NaN where unavailable.
    private static double MachineBusySeconds()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var v = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            return (v.Sum() - v[3] - v[4]) / 100.0; // USER_HZ is 100 on Linux
        }
        catch (IOException) { return double.NaN; }
        catch (UnauthorizedAccessException) { return double.NaN; }
    }

    // Linux: writing 5 to clear_refs resets the peak resident set (VmHWM), so the peak is per measured cell.
    private static void ResetPeakWorkingSet()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
