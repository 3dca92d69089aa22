using System.Diagnostics;

namespace Recur.Bench;

/// <summary>The timer the recurrent benchmarks share.</summary>
internal static class Timing
{
    /// <summary>Median wall time in ms over enough repetitions to fill about a second, after a warm-up.</summary>
    public static double Median(Action run)
    {
        run();
        var sw = Stopwatch.StartNew();
        run();
        int reps = Math.Clamp((int)(1000 / Math.Max(sw.Elapsed.TotalMilliseconds, 0.01)), 5, 2000);
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            sw.Restart();
            run();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[reps / 2];
    }
}
