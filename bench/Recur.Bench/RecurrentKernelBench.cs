using Recur.Kernels.Recurrent;

namespace Recur.Bench;

/// <summary>
/// Times the fused sequence kernels on one direction of a workload: inference forward, and training forward + backward.
/// Usage: <c>recurrent [lstm|gru|gru_v1|rnn] [B T D H] [threads] [--lengths L1,L2,…]</c> (default: lstm 32 50 100 128,
/// 0 threads = GEMM default). With <c>--lengths</c> (one per batch row) it also times a right-padded mask of those lengths,
/// through the packed layout and forced onto the general masked path.
/// </summary>
public static class RecurrentKernelBench
{
    public static int Run(string[] args)
    {
        int li = Array.IndexOf(args, "--lengths");
        int[]? lengths = li >= 0 && li + 1 < args.Length ? [.. args[li + 1].Split(',').Select(int.Parse)] : null;
        if (li >= 0) args = [.. args[..li], .. args[Math.Min(li + 2, args.Length)..]];
        string cell = args.Length > 0 ? args[0] : "lstm";
        int[] n = args.Length >= 5 ? [.. args[1..5].Select(int.Parse)] : [32, 50, 100, 128];
        int threads = args.Length > 5 ? int.Parse(args[5]) : 0;
        var s = new SequenceShape(n[0], n[1], n[2], n[3]);
        var o = new SequenceOptions { ResetAfter = cell != "gru_v1", MaxThreads = threads };
        int G = (cell == "lstm" ? 4 : cell == "rnn" ? 1 : 3) * s.Units, bh = s.Batch * s.Units;
        var rng = new Random(1);
        float[] R(int len) => [.. Enumerable.Range(0, len).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.2f)];
        var x = R(s.Rows * s.InputSize);
        var k = R(s.InputSize * G);
        var rk = R(s.Units * G);
        var bias = R(cell == "gru" ? 2 * G : G);
        var outputs = new float[s.Rows * s.Units];
        var dOut = R(outputs.Length);
        float[] hT = new float[bh], cT = new float[bh], dx = new float[x.Length], dk = new float[k.Length], drk = new float[rk.Length], db = new float[bias.Length];
        int cacheSize = cell == "lstm" ? LstmSequence.CacheSize(s) : cell == "rnn" ? SimpleRnnSequence.CacheSize(s) : GruSequence.CacheSize(s);
        var cache = new float[cacheSize];
        float[] mask = [];

        void Forward(Span<float> c)
        {
            if (cell == "lstm") LstmSequence.Forward(s, o, x, k, rk, bias, default, default, mask, outputs, default, hT, cT, c);
            else if (cell == "rnn") SimpleRnnSequence.Forward(s, o, x, k, rk, bias, default, mask, outputs, default, hT, c);
            else GruSequence.Forward(s, o, x, k, rk, bias, default, mask, outputs, default, hT, c);
        }
        void Backward()
        {
            if (cell == "lstm") LstmSequence.Backward(s, o, x, k, rk, mask, cache, dOut, default, default, default, dx, dk, drk, db, default, default);
            else if (cell == "rnn") SimpleRnnSequence.Backward(s, o, x, k, rk, mask, cache, dOut, default, default, dx, dk, drk, db, default);
            else GruSequence.Backward(s, o, x, k, rk, mask, cache, dOut, default, default, dx, dk, drk, db, default);
        }

        void Time(string what)
        {
            Timing.Median(() => { Forward(default); Forward(cache); Backward(); }); // lets tiered JIT settle before anything is timed
            double infer = Timing.Median(() => Forward(default));
            double train = Timing.Median(() => { Forward(cache); Backward(); });
            Console.WriteLine($"{cell} B={s.Batch} T={s.Time} D={s.InputSize} H={s.Units} threads={threads} {what}: infer {infer:F3} ms, train fwd+bwd {train:F3} ms (one direction)");
        }

        Time("no mask");
        if (lengths is null) return 0;
        if (lengths.Length != s.Batch) throw new ArgumentException($"--lengths: expected {s.Batch} lengths; received {lengths.Length}.");
        mask = new float[s.Rows];
        for (int b = 0; b < s.Batch; b++) mask.AsSpan(b * s.Time, Math.Min(lengths[b], s.Time)).Fill(1f);
        Time("right-padded, packed");
        o = o with { GeneralMaskPath = true };
        Time("right-padded, general path");
        return 0;
    }
}
