using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recur.Kernels;

namespace Recur.Bench;

/// <summary>
/// `gemm`: SGEMM throughput on square and RNN-shaped products, measured like shared/bench/hw/sgemm_bench.c
/// (3 warm-up calls, then repeat until the minimum time and at least 5 repetitions; median reported).
/// </summary>
internal static class GemmBench
{
    private sealed record Shape(string Name, int M, int N, int K);

    // Names as in sgemm_bench.c: MxKxN for the RNN shapes.
    private static readonly Shape[] Shapes =
    [
        new("square256", 256, 256, 256),
        new("square512", 512, 512, 512),
        new("square1024", 1024, 1024, 1024),
        new("square2048", 2048, 2048, 2048),
        new("W1_rec_1x64x256", 1, 256, 64),
        new("W2_rec_32x128x512", 32, 512, 128),
        new("W3_rec_64x256x1024", 64, 1024, 256),
        new("W4_rec_128x512x2048", 128, 2048, 512),
        new("W2_in_1600x100x512", 1600, 512, 100),
        new("W3_in_6400x256x1024", 6400, 1024, 256),
        new("W4_in_25600x512x2048", 25600, 2048, 512),
        new("W2_in2dir_1600x100x1024", 1600, 1024, 100),
        new("W3_in2dir_6400x256x2048", 6400, 2048, 256),
        new("W4_in2dir_25600x512x4096", 25600, 4096, 512),
    ];

    public static int Run(string[] args)
    {
        var options = BenchOptions.Parse(args, "--json", "--min-time", "--threads", "--filter");
        if (options is null)
            return 2;
        double minTime = options.Double("--min-time", 1.0);
        int[] threadCounts = options.Int("--threads") is { } t ? [t] : [2, 1];
        string? filter = options.String("--filter");
        using var json = options.String("--json") is { } path ? new StreamWriter(path) : null;

        Console.WriteLine($"{"shape",-26} {"variant",-8} {"M",6} {"N",6} {"K",6} {"thr",3} {"median ms",11} {"GFLOP/s",9} {"best",9} {"reps",6}");
        foreach (int threads in threadCounts)
        {
            foreach (var shape in Shapes)
            {
                if (filter is not null && !shape.Name.Contains(filter, StringComparison.Ordinal))
                    continue;
                Measure(shape, threads, packed: false, minTime, json);
                // The recurrent weights are packed once per sequence, so that is the variant the RNN kernels run.
                if (shape.Name.Contains("_rec_", StringComparison.Ordinal))
                    Measure(shape, threads, packed: true, minTime, json);
            }
        }

        return 0;
    }

    private static void Measure(Shape s, int threads, bool packed, double minTime, StreamWriter? json)
    {
        var a = Fill((long)s.M * s.K, 7919);
        var b = Fill((long)s.K * s.N, 104729);
        var c = new float[(long)s.M * s.N];
        var packedB = packed ? new float[Gemm.PackedSize(s.K, s.N)] : [];
        if (packed)
            Gemm.PackB(false, s.K, s.N, b, s.N, packedB);

        void Call()
        {
            if (packed)
                Gemm.SgemmPacked(s.M, s.N, s.K, 1f, a, s.K, false, packedB, 0f, c, s.N, threads);
            else
                Gemm.Sgemm(false, false, s.M, s.N, s.K, 1f, a, s.K, b, s.N, 0f, c, s.N, threads);
        }

        for (int i = 0; i < 3; i++)
            Call();
        var samples = new List<double>();
        long start = Stopwatch.GetTimestamp();
        while (samples.Count < 5 || Stopwatch.GetElapsedTime(start).TotalSeconds < minTime)
        {
            long t0 = Stopwatch.GetTimestamp();
            Call();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }

        samples.Sort();
        double median = samples[samples.Count / 2];
        double flops = 2.0 * s.M * s.N * s.K;
        string variant = packed ? "packedB" : "plain";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Name,-26} {variant,-8} {s.M,6} {s.N,6} {s.K,6} {threads,3} {median * 1e3,11:F4} {flops / median / 1e9,9:F2} {flops / samples[0] / 1e9,9:F2} {samples.Count,6}"));
        json?.WriteLine(JsonSerializer.Serialize(new
        {
            lib = "recur",
            shape = s.Name,
            variant,
            M = s.M,
            N = s.N,
            K = s.K,
            threads,
            median_ms = Math.Round(median * 1e3, 6),
            min_ms = Math.Round(samples[0] * 1e3, 6),
            reps = samples.Count,
            median_gflops = Math.Round(flops / median / 1e9, 2),
            best_gflops = Math.Round(flops / samples[0] / 1e9, 2),
        }));
        json?.Flush();
    }

    // Same deterministic fill as sgemm_bench.c.
    private static float[] Fill(long count, long multiplier)
    {
        var data = new float[count];
        for (long i = 0; i < count; i++)
            data[i] = (i * multiplier % 1000) * 1e-3f - 0.5f;
        return data;
    }
}
