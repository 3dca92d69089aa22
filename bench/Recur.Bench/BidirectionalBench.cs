using Recur.Layers;

namespace Recur.Bench;

/// <summary>
/// Times a <see cref="Bidirectional"/> layer (merge concat, return_sequences) through each of its paths: the fused
/// bidirectional node, the two-pass path (each direction through its own fused kernel) and the generic step loop.
/// Usage: <c>bidirectional [lstm|gru|rnn] [B T D H]</c> (default: lstm 32 50 100 128, the W2 shape).
/// </summary>
public static class BidirectionalBench
{
    public static int Run(string[] args)
    {
        string cell = args.Length > 0 ? args[0] : "lstm";
        int[] n = args.Length >= 5 ? [.. args[1..5].Select(int.Parse)] : [32, 50, 100, 128];
        Layer template = cell switch
        {
            "gru" => new Gru(n[3], returnSequences: true),
            "rnn" => new SimpleRnn(n[3], returnSequences: true),
            _ => new Lstm(n[3], returnSequences: true),
        };
        var layer = new Bidirectional(template);
        var rng = new Random(1);
        var x = new Tensor([.. Enumerable.Range(0, n[0] * n[1] * n[2]).Select(_ => (float)(rng.NextDouble() - 0.5))], n[0], n[1], n[2]);
        layer.Build(x.Shape);

        void Infer()
        {
            using var _ = Autograd.NoGrad();
            layer.Call(x);
        }
        void Train() => Ops.Sum(layer.Call(x)[0]).Backward();

        Console.WriteLine($"Bidirectional({cell}({n[3]})) B={n[0]} T={n[1]} D={n[2]}, median ms (inference forward / training forward+backward):");
        foreach (var (path, genericLoop, twoPass) in new[] { ("fused", false, false), ("two-pass", false, true), ("generic loop", true, true) })
        {
            using var scope = RnnPaths.Force(genericLoop, twoPass);
            Timing.Median(Train); // lets tiered JIT settle before this path is timed
            Console.WriteLine($"  {path,-12} {Timing.Median(Infer),8:F3} / {Timing.Median(Train),8:F3}");
        }
        return 0;
    }
}
