using Recur.Kernels.Recurrent;
using Recur.Tests.TestKit;
using static Recur.Tests.Recurrent.SequenceCase;

namespace Recur.Tests.Recurrent;

/// <summary>
/// Right-padded masks take the packed layout (<see cref="SequenceRows"/>: rows sorted by length, padded positions skipped).
/// Reference: the same kernels forced onto the general masked path (every row at every step), which the naive and generic
/// suites check. Outputs, states, dx, dh0, dc0 and dBias must agree bit for bit; dKernel and dRecurrentKernel sum their rows
/// in another order (and without the general path's zero rows), so they agree to rounding.
/// </summary>
public sealed class PackedSequenceTests
{
    private const float Sentinel = 12345f;

    /// <summary>(T, lengths): ties, a length-0 row, full rows, unsorted; all full; B = 1 (partial, empty, full).</summary>
    private static readonly (int T, int[] Lengths)[] LengthSets =
    [
        (7, [4, 7, 0, 4, 2, 7, 1]),
        (6, [2, 2, 6, 0, 0, 3]),
        (5, [5, 5, 5]),
        (5, [3]),
        (4, [0]),
        (4, [4]),
    ];

    [Fact]
    public void RightPaddedMasksArePacked_OthersAreNot()
    {
        var s = new SequenceShape(4, 3, 1, 1);
        float[] rightPadded = [1, 1, 0, /**/ 1, 1, 1, /**/ 0, 0, 0, /**/ 1, 1, 0];
        var scratch = new int[SequenceRows.ScratchSize(s, rightPadded)];   // the most any mask of this shape needs
        var rows = SequenceRows.Create(s, new SequenceOptions(), rightPadded, scratch);
        Assert.True(rows.Packed);
        Assert.Equal(7, rows.Rows);
        Assert.Equal([3, 3, 1], new[] { rows.Count(0), rows.Count(1), rows.Count(2) });
        // Longest first, ties in batch order: batch rows 1, 0, 3, 2.
        Assert.Equal([1, 0, 3, 2], new[] { rows.BatchOf(0), rows.BatchOf(1), rows.BatchOf(2), rows.BatchOf(3) });
        Assert.Equal([0, 3, 6], new[] { rows.First(0), rows.First(1), rows.First(2) });
        Assert.True(rows.IsValid(2, 1) && !rows.IsValid(2, 2) && !rows.IsValid(3, 0));

        Assert.False(SequenceRows.Create(s, new SequenceOptions { GeneralMaskPath = true }, rightPadded, scratch).Packed);
        Assert.False(SequenceRows.Create(s, new SequenceOptions(), default, scratch).Packed);
        float[] hole = [1, 0, 1, /**/ 1, 1, 1, /**/ 0, 0, 0, /**/ 1, 1, 0];
        float[] leftPadded = [0, 1, 1, /**/ 1, 1, 1, /**/ 0, 0, 0, /**/ 1, 1, 0];
        Assert.False(SequenceRows.Create(s, new SequenceOptions(), hole, scratch).Packed);
        Assert.False(SequenceRows.Create(s, new SequenceOptions(), leftPadded, scratch).Packed);
    }

    [Theory]
    [MemberData(nameof(FusedForwardTests.Cells), MemberType = typeof(FusedForwardTests))]
    public void Kernels_PackedEqualsGeneralMaskedPath(CellKind cell)
    {
        int seed = 3000;
        foreach (var (T, lengths) in LengthSets)
            foreach (int H in new[] { 5, 17, 32 }) // 32: a whole number of the widest vectors (SimpleRnn's one-block activation)
                for (int flags = 0; flags < 32; flags++)
                {
                    var o = new SequenceOptions
                    {
                        Reverse = (flags & 1) != 0,
                        ZeroOutputForMask = (flags & 2) != 0,
                        KeepOrder = (flags & 8) != 0,
                    }.WithCell(cell);
                    if ((flags & 16) != 0) o = o with { OutputTimeStride = 2 * H + 1, OutputOffset = (flags & 1) != 0 ? H + 1 : 0 };
                    var s = new SequenceShape(lengths.Length, T, 3, H);
                    var c = Create(cell, s, bias: seed % 3 != 0, initialState: (flags & 4) != 0, MaskKind.None, ++seed).WithLengths(lengths);
                    // return_sequences false on some cases: the sequence is not asked for.
                    bool sequence = flags % 3 != 2;
                    string where = $"{cell} T={T} H={H} lengths=[{string.Join(",", lengths)}] {o} sequence={sequence}";
                    var packed = Run(c, o, sequence, seed);
                    var general = Run(c, o with { GeneralMaskPath = true }, sequence, seed);
                    AssertResults(general, packed, where);
                    if (lengths.All(l => l == T))
                    {
                        // Every row full: the same numbers as without a mask (forward; the unmasked path is batch-major).
                        var unmasked = Run(new SequenceCase
                        {
                            Cell = c.Cell, Shape = s, X = c.X, Kernel = c.Kernel, RecurrentKernel = c.RecurrentKernel, Bias = c.Bias, H0 = c.H0, C0 = c.C0,
                        }, o, sequence, seed);
                        for (int i = 0; i < 4; i++) Assert.Equal(unmasked[i], packed[i]);
                    }
                }
    }

    [Theory]
    [InlineData(FusedCell.Lstm, false)]
    [InlineData(FusedCell.Gru, false)]
    [InlineData(FusedCell.Gru, true)]
    [InlineData(FusedCell.SimpleRnn, false)]
    public void BidirectionalOp_PackedEqualsGeneralMaskedPath(FusedCell cell, bool gruResetBefore)
    {
        const int T = 6, D = 4, H = 7;
        int[] lengths = [6, 3, 0, 3, 5];
        int B = lengths.Length;
        var valid = new bool[B, T];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < lengths[b]; t++) valid[b, t] = true;
        var mask = Tensor.FromMask(valid);
        foreach (bool concat in new[] { true, false })
            foreach (bool initialStates in new[] { false, true })
                foreach (bool zeroOutput in new[] { false, true })
                {
                    var options = new SequenceOptions { ResetAfter = !gruResetBefore, ZeroOutputForMask = zeroOutput };
                    var x = GradCheck.Random([B, T, D], 1);
                    var fw = FusedBidirectionalTests.Weights(cell, gruResetBefore, B, D, H, initialStates, 10);
                    var bw = FusedBidirectionalTests.Weights(cell, gruResetBefore, B, D, H, initialStates, 20);
                    var leaves = FusedBidirectionalTests.Leaves(x, fw, bw);
                    float[][] Bidirectional(SequenceOptions o) => FusedBidirectionalTests.Run(leaves, () =>
                    {
                        var res = Ops.BidirectionalSequence(cell, x, FusedBidirectionalTests.Direction(fw, o), FusedBidirectionalTests.Direction(bw, o), mask, concat);
                        var seq = concat ? res.Concat! : res.Forward! * 2f + res.Backward! * 3f;
                        return [seq, res.ForwardLast, res.BackwardLast, .. res.ForwardStates, .. res.BackwardStates];
                    });
                    var general = Bidirectional(options with { GeneralMaskPath = true });
                    var packed = Bidirectional(options);
                    string where = $"{cell} resetBefore={gruResetBefore} concat={concat} states={initialStates} zeroOutput={zeroOutput}";
                    int results = general.Length - leaves.Length;
                    for (int i = 0; i < general.Length; i++)
                    {
                        int leaf = i - results;
                        bool weight = leaf >= 1 && leaf <= 6 && leaf % 3 != 0; // kernels and recurrent kernels
                        if (weight) AssertRounding(general[i], packed[i], $"leaf {leaf} {where}");
                        else Assert.True(general[i].SequenceEqual(packed[i]), $"{(leaf < 0 ? $"result {i}" : $"leaf {leaf}")} differs: {where}");
                    }
                }
    }

    /// <summary>[outputs, last, hT, cT, dx, dh0, dc0, dBias, dKernel, dRecurrentKernel] of a forward with a cache and a backward from every result.</summary>
    private static float[][] Run(SequenceCase c, SequenceOptions o, bool sequence, int seed)
    {
        var s = c.Shape;
        int B = s.Batch, H = s.Units;
        var rng = new Random(seed);
        var outputs = sequence ? new float[s.OutputLength(o) + 3] : [];
        Array.Fill(outputs, Sentinel);
        float[] last = new float[B * H], hT = new float[B * H], cT = c.Cell == CellKind.Lstm ? new float[B * H] : [];
        // The kernels write every element of their results, zeros included (a row with no valid step, a masked last step).
        foreach (var result in new[] { last, hT, cT }) Array.Fill(result, float.NaN);
        var cache = new float[FusedKernels.CacheSize(c.Cell, s)];
        Array.Fill(cache, float.NaN);
        PoisonScratch();
        FusedKernels.Forward(c.Cell, s, o, c.X, c.Kernel, c.RecurrentKernel, c.Bias, c.H0, c.C0, c.Mask, outputs, last, hT, cT, cache);
        foreach (var result in new[] { outputs, last, hT, cT }) Assert.DoesNotContain(result, float.IsNaN);

        // Gradients arrive at every result; the gradient buffers start non-zero (the kernels accumulate).
        var dOut = sequence ? Random(rng, outputs.Length, 1f) : [];
        float[] dLast = Random(rng, B * H, 1f), dhT = Random(rng, B * H, 1f), dcT = c.Cell == CellKind.Lstm ? Random(rng, B * H, 1f) : [];
        float[] dx = Random(rng, c.X.Length, 1f), dk = Random(rng, c.Kernel.Length, 1f), drk = Random(rng, c.RecurrentKernel.Length, 1f);
        float[] db = c.Bias is null ? [] : Random(rng, c.Bias.Length, 1f), dh0 = Random(rng, B * H, 1f), dc0 = c.Cell == CellKind.Lstm ? Random(rng, B * H, 1f) : [];
        PoisonScratch();
        FusedKernels.Backward(c.Cell, s, o, c.X, c.Kernel, c.RecurrentKernel, c.Mask, cache, dOut, dLast, dhT, dcT, dx, dk, drk, db, dh0, dc0);
        return [outputs, last, hT, cT, dx, dh0, dc0, db, dk, drk];
    }

    /// <summary>
    /// Fills the arrays this thread's pool hands out next with NaN, so that a kernel reading scratch (or cache) it did not
    /// write shows up as NaN in its results.
    /// </summary>
    private static void PoisonScratch()
    {
        for (int size = 16; size <= 1 << 20; size *= 2)
        {
            var a = System.Buffers.ArrayPool<float>.Shared.Rent(size);
            Array.Fill(a, float.NaN);
            System.Buffers.ArrayPool<float>.Shared.Return(a);
        }
    }

    private static void AssertResults(float[][] general, float[][] packed, string where)
    {
        string[] names = ["outputs", "last", "hT", "cT", "dx", "dh0", "dc0", "dBias", "dKernel", "dRecurrentKernel"];
        for (int i = 0; i < names.Length; i++)
        {
            if (i >= 8) AssertRounding(general[i], packed[i], $"{names[i]} {where}");
            else if (!general[i].SequenceEqual(packed[i]))
            {
                int at = Enumerable.Range(0, general[i].Length).First(k => general[i][k] != packed[i][k]);
                Assert.Fail($"{names[i]}[{at}]: general {general[i][at]}, packed {packed[i][at]}: {where}");
            }
        }
    }

    /// <summary>Same sums in another order: within a few float roundings of the tensor's scale.</summary>
    private static void AssertRounding(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = expected.Length == 0 ? 1f : Math.Max(1f, expected.Max(MathF.Abs));
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > 2e-6f * scale)
                Assert.Fail($"{what}, element {i}: general {expected[i]}, packed {actual[i]}");
    }
}
