using Recur.Kernels.Recurrent;
using Recur.Tests.TestKit;

namespace Recur.Tests.Recurrent;

/// <summary>The two-core bidirectional op equals two single-direction runs, a time flip and a merge: outputs and every gradient.</summary>
public sealed class FusedBidirectionalTests
{
    public static TheoryData<FusedCell, bool, int, bool, bool> Cases()
    {
        var d = new TheoryData<FusedCell, bool, int, bool, bool>();
        foreach (var cell in new[] { FusedCell.Lstm, FusedCell.Gru, FusedCell.SimpleRnn })
            foreach (bool concat in new[] { true, false })
                foreach (int maskKind in new[] { 0, 1, 2 })
                    foreach (bool states in new[] { false, true })
                        d.Add(cell, concat, maskKind, states, cell == FusedCell.Gru && maskKind == 1);
        return d;
    }

    [Theory, MemberData(nameof(Cases))]
    public void MatchesTwoSeparateDirections(FusedCell cell, bool concat, int maskKind, bool initialStates, bool gruResetBefore)
    {
        const int B = 3, T = 5, D = 4, H = 6;
        var x = GradCheck.Random([B, T, D], 1);
        var mask = maskKind switch
        {
            1 => Tensor.FromMask(new[,] { { true, true, true, false, false }, { true, true, true, true, true }, { true, false, false, false, false } }),
            2 => Tensor.FromMask(new[,] { { false, true, false, true, true }, { true, true, false, false, true }, { false, false, false, false, false } }),
            _ => null,
        };
        var options = new SequenceOptions { ResetAfter = !gruResetBefore, ZeroOutputForMask = true };
        var fw = Weights(cell, gruResetBefore, B, D, H, initialStates, 10);
        var bw = Weights(cell, gruResetBefore, B, D, H, initialStates, 20);
        var leaves = Leaves(x, fw, bw);

        // Reference: each direction alone (Keras order), then the flip and the merge that Bidirectional performs.
        var reference = Run(leaves, () =>
        {
            var f = Single(cell, x, fw, mask, options);
            var r = Single(cell, x, bw, mask, options with { Reverse = true });
            var rFlipped = Ops.Reverse(r.Outputs, 1);
            var seq = concat ? Ops.Concat([f.Outputs, rFlipped], -1) : f.Outputs * 2f + rFlipped * 3f;
            return [seq, f.LastOutput, r.LastOutput, .. f.States, .. r.States];
        });
        var fused = Run(leaves, () =>
        {
            var res = Ops.BidirectionalSequence(cell, x, Direction(fw, options), Direction(bw, options), mask, concat);
            var seq = concat ? res.Concat! : res.Forward! * 2f + res.Backward! * 3f;
            return [seq, res.ForwardLast, res.BackwardLast, .. res.ForwardStates, .. res.BackwardStates];
        });

        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], fused[i]);   // bit-identical: same kernel arithmetic, thread-count-independent GEMMs
            Assert.DoesNotContain(fused[i], float.IsNaN);   // outputs start as NaN here (UninitializedPoison): all written
        }
    }

    [Theory]
    [InlineData(FusedCell.Lstm, false)]
    [InlineData(FusedCell.Gru, false)]
    [InlineData(FusedCell.SimpleRnn, false)]
    [InlineData(FusedCell.Lstm, true)]
    [InlineData(FusedCell.Gru, true)]
    [InlineData(FusedCell.SimpleRnn, true)]
    public void SecondBackwardThroughTheSameGraphGivesTheSameGradients(FusedCell cell, bool bidirectional)
    {
        // The first backward returns the pooled training caches; the second must rebuild them, not read recycled memory.
        const int B = 3, T = 5, D = 4, H = 6;
        int g = cell switch { FusedCell.Lstm => 4, FusedCell.Gru => 3, _ => 1 } * H;
        var x = GradCheck.Random([B, T, D], 1);
        var mask = Tensor.FromMask(new[,] { { false, true, false, true, true }, { true, true, false, false, true }, { true, true, true, true, true } });
        Tensor k = GradCheck.Random([D, g], 2, 0.5f), rk = GradCheck.Random([H, g], 3, 0.5f), b = GradCheck.Random(cell == FusedCell.Gru ? [2, g] : [g], 4, 0.2f);
        Tensor[] leaves = [x, k, rk, b];
        foreach (var l in leaves) l.RequiresGrad = true;
        var o = new SequenceOptions();
        Tensor seq = bidirectional
            ? Ops.BidirectionalSequence(cell, x, new DirectionWeights(k, rk, b, null, null, o), new DirectionWeights(k, rk, b, null, null, o), mask, true).Concat!
            : Single(cell, x, (k, rk, b, null, null), mask, o).Outputs;
        var loss = Ops.Sum(seq * GradCheck.Random(seq.Shape, 7));
        float[][] Grads()
        {
            foreach (var l in leaves) l.ZeroGrad();
            loss.Backward();
            return [.. leaves.Select(l => l.Grad!.ToArray())];
        }
        var first = Grads();
        // Another training call in between rents (and overwrites) whatever the first backward returned to the pool.
        var other = Single(cell, GradCheck.Random([B, T, D], 9), (k, rk, b, null, null), null, o).Outputs;
        Ops.Sum(other).Backward();
        var second = Grads();
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    private static RecurrentResult Single(FusedCell cell, Tensor x, (Tensor k, Tensor rk, Tensor b, Tensor? h0, Tensor? c0) w, Tensor? mask,
        SequenceOptions o) => cell switch
    {
        FusedCell.Lstm => Ops.LstmSequence(x, w.k, w.rk, w.b, w.h0, w.c0, mask, o),
        FusedCell.Gru => Ops.GruSequence(x, w.k, w.rk, w.b, w.h0, mask, o),
        _ => Ops.SimpleRnnSequence(x, w.k, w.rk, w.b, w.h0, mask, o),
    };

    /// <summary>One direction's random weights: kernel, recurrent kernel, bias, and (when asked for) initial states.</summary>
    internal static (Tensor K, Tensor Rk, Tensor B, Tensor? H0, Tensor? C0) Weights(FusedCell cell, bool gruResetBefore, int batch, int d, int h,
        bool initialStates, int seed)
    {
        int g = cell switch { FusedCell.Lstm => 4, FusedCell.Gru => 3, _ => 1 } * h;
        return (GradCheck.Random([d, g], seed, 0.5f), GradCheck.Random([h, g], seed + 1, 0.5f),
            GradCheck.Random(cell == FusedCell.Gru && !gruResetBefore ? [2, g] : [g], seed + 2, 0.2f),
            initialStates ? GradCheck.Random([batch, h], seed + 3) : null,
            initialStates && cell == FusedCell.Lstm ? GradCheck.Random([batch, h], seed + 4) : null);
    }

    /// <summary>x, then each direction's kernel, recurrent kernel and bias (leaves 1–6), then the initial states given.</summary>
    internal static Tensor[] Leaves(Tensor x, (Tensor K, Tensor Rk, Tensor B, Tensor? H0, Tensor? C0) fw, (Tensor K, Tensor Rk, Tensor B, Tensor? H0, Tensor? C0) bw) =>
        [x, fw.K, fw.Rk, fw.B, bw.K, bw.Rk, bw.B, .. new[] { fw.H0, fw.C0, bw.H0, bw.C0 }.OfType<Tensor>()];

    internal static DirectionWeights Direction((Tensor K, Tensor Rk, Tensor B, Tensor? H0, Tensor? C0) w, SequenceOptions o) =>
        new(w.K, w.Rk, w.B, w.H0, w.C0, o);

    /// <summary>Forward values of every result, then the gradient of a fixed weighted sum for every leaf.</summary>
    internal static float[][] Run(Tensor[] leaves, Func<Tensor[]> f)
    {
        foreach (var l in leaves) { l.RequiresGrad = true; l.ZeroGrad(); }
        var outs = f();
        Tensor loss = Tensor.Scalar(0f);
        for (int i = 0; i < outs.Length; i++) loss = loss + Ops.Sum(outs[i] * GradCheck.Random(outs[i].Shape, 100 + i));
        loss.Backward();
        return [.. outs.Select(o => o.ToArray()), .. leaves.Select(l => l.Grad!.ToArray())];
    }
}
