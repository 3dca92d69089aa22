using Recur.Kernels;
using Recur.Kernels.Recurrent;

namespace Recur.Bench;

/// <summary>
/// Stopwatch breakdown of one LSTM workload, from the layer down to the GEMMs (no profiler needed):
/// the Bidirectional layer (and the share of GC pauses in it), the fused two-direction op, one direction of the fused
/// kernel on one thread (what each core runs inside the op), and the GEMMs of that direction alone
/// (input projection, the T recurrent products, the backward products), so that gate math = kernel − GEMMs.
/// Usage: <c>rnnprofile [W2] [--workloads-file PATH] [--min-time S]</c>.
/// </summary>
public static class RnnProfile
{
    public static int Run(string[] args)
    {
        string name = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "W2";
        int fi = Array.IndexOf(args, "--workloads-file"), ti = Array.IndexOf(args, "--min-time");
        string? file = fi >= 0 && fi + 1 < args.Length ? args[fi + 1] : RnnWorkloads.FindDefault();
        double minTime = ti >= 0 && ti + 1 < args.Length ? double.Parse(args[ti + 1], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        if (file is null) { Console.Error.WriteLine("workloads.json not found; pass --workloads-file"); return 2; }
        var w = RnnWorkloads.Load(file)[name];
        Console.WriteLine($"{name} lstm B={w.B} T={w.T} D={w.D} H={w.H}, {Environment.ProcessorCount} threads; median ms per call");

        foreach (var mode in new[] { "infer", "train" })
        {
            var layer = RnnCases.Layer(w, mode, "lstm", 0);
            var (ms, pause) = Time(layer.Call, minTime);
            Console.WriteLine($"  layer {mode,-5}: {ms,9:F3} ms, of which GC pauses {pause,8:F3} ms ({100 * pause / ms:F0} %)");
            var op = RnnCases.Layer(w, mode, "lstm", 0, fusedOp: true);
            (ms, pause) = Time(op.Call, minTime);
            Console.WriteLine($"  op    {mode,-5}: {ms,9:F3} ms, of which GC pauses {pause,8:F3} ms ({100 * pause / ms:F0} %)");
        }

        // One direction, one thread: what each core of the fused op runs.
        int B = w.B, T = w.T, D = w.D, H = w.H, G = 4 * H;
        var s = new SequenceShape(B, T, D, H);
        var o = new SequenceOptions { MaxThreads = 1 };
        var rng = new Random(1);
        float[] R(int len) => [.. Enumerable.Range(0, len).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.2f)];
        float[] x = R(B * T * D), k = R(D * G), rk = R(H * G), bias = R(G), outputs = new float[B * T * H], dOut = R(B * T * H);
        float[] hT = new float[B * H], cT = new float[B * H], dx = new float[x.Length], dk = new float[k.Length], drk = new float[rk.Length], db = new float[G];
        var cache = new float[LstmSequence.CacheSize(s)];
        float[] gates = new float[B * T * G], h = R(B * H), dGates = R(B * T * G), dh = new float[B * H], rkT = R(G * H);

        double fwd = Time(() => LstmSequence.Forward(s, o, x, k, rk, bias, default, default, default, outputs, default, hT, cT, default), minTime).Ms;
        double fwdTrain = Time(() => LstmSequence.Forward(s, o, x, k, rk, bias, default, default, default, outputs, default, hT, cT, cache), minTime).Ms;
        double bwd = Time(() => LstmSequence.Backward(s, o, x, k, rk, default, cache, dOut, default, default, default, dx, dk, drk, db, default, default), minTime).Ms;
        double inGemm = Time(() => Gemm.Sgemm(false, false, B * T, G, D, 1f, x, D, k, G, 0f, gates, G, 1), minTime).Ms;
        double recGemm = Time(() => { for (int t = 0; t < T; t++) Gemm.Sgemm(false, false, B, G, H, 1f, h, H, rk, G, 1f, gates.AsSpan(t * G), T * G, 1); }, minTime).Ms;
        double bRecGemm = Time(() => { for (int t = 0; t < T; t++) Gemm.Sgemm(false, false, B, H, G, 1f, dGates.AsSpan(t * G), T * G, rkT, H, 1f, dh, H, 1); /* the kernel keeps Rᵀ [4H, H] */ }, minTime).Ms;
        double bInGemm = Time(() =>
        {
            Gemm.Sgemm(false, true, B * T, D, G, 1f, dGates, G, k, G, 0f, dx, D, 1);          // dx = dG · Kᵀ
            Gemm.Sgemm(true, false, D, G, B * T, 1f, x, D, dGates, G, 0f, dk, G, 1);          // dK = xᵀ · dG
            Gemm.Sgemm(true, false, H, G, B * T, 1f, outputs, H, dGates, G, 0f, drk, G, 1);   // dR = hᵀ · dG
        }, minTime).Ms;
        double GF(double flops, double msv) => flops / (msv * 1e6);
        double fIn = 2.0 * B * T * D * G, fRec = 2.0 * B * T * H * G;
        Console.WriteLine($"  one direction, 1 thread (fused kernel):");
        Console.WriteLine($"    forward (infer)          {fwd,9:F3} ms");
        Console.WriteLine($"      input GEMM  [BT×D]·[D×4H]  {inGemm,9:F3} ms ({GF(fIn, inGemm):F1} GFLOP/s)");
        Console.WriteLine($"      recurrent GEMMs T×[B×H]·[H×4H] {recGemm,9:F3} ms ({GF(fRec, recGemm):F1} GFLOP/s)");
        Console.WriteLine($"      rest (gate math, copies)   {fwd - inGemm - recGemm,9:F3} ms");
        Console.WriteLine($"    forward (train, writes cache) {fwdTrain,9:F3} ms");
        Console.WriteLine($"    backward                 {bwd,9:F3} ms");
        Console.WriteLine($"      recurrent dH GEMMs T×[B×4H]·[4H×H] {bRecGemm,9:F3} ms ({GF(fRec, bRecGemm):F1} GFLOP/s)");
        Console.WriteLine($"      dx, dK, dR GEMMs         {bInGemm,9:F3} ms ({GF(2 * fIn + fRec, bInGemm):F1} GFLOP/s)");
        Console.WriteLine($"      rest (gate derivatives)  {bwd - bRecGemm - bInGemm,9:F3} ms");
        return 0;
    }

    /// <summary>Median ms per call and mean GC pause ms per call, after the rnn command's warm-up (3 calls and 2 s).</summary>
    private static (double Ms, double PauseMs) Time(Action call, double minTime)
    {
        var s = RnnTiming.Measure(call, minTime, minReps: 5, maxReps: 20000, warmup: 3, warmupTimeS: 2);
        return (s.MedianMs, s.GcPauseMsPerCall);
    }
}
