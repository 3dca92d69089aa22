using Recur.Kernels.Recurrent;
using static Recur.Tests.Recurrent.SequenceCase;

namespace Recur.Tests.Recurrent;

/// <summary>The fused forward kernels against their naive twin over shapes, flags, masks, layouts and activations.</summary>
public sealed class FusedForwardTests
{
    public static TheoryData<CellKind> Cells => [CellKind.Lstm, CellKind.GruResetAfter, CellKind.GruResetBefore, CellKind.SimpleRnn];

    private const float Sentinel = 12345f;

    [Theory]
    [MemberData(nameof(Cells))]
    public void MatchesNaive_OverShapesFlagsAndMasks(CellKind cell)
    {
        int seed = 0;
        foreach (int B in new[] { 1, 3 })
            foreach (int T in new[] { 1, 5 })
                foreach (int D in new[] { 1, 3, 17 })
                    foreach (int H in new[] { 1, 4, 17 })
                        for (int flags = 0; flags < 16; flags++)
                            foreach (var mask in Enum.GetValues<MaskKind>())
                            {
                                seed++;
                                var o = new SequenceOptions
                                {
                                    Reverse = (flags & 1) != 0,
                                    KeepOrder = (flags & 2) != 0,
                                    ZeroOutputForMask = (flags & 4) != 0,
                                };
                                var c = Create(cell, new SequenceShape(B, T, D, H), bias: (flags & 8) != 0, initialState: seed % 4 != 0, mask, seed);
                                Check(c, o, wideLayout: seed % 2 == 0, training: seed % 3 == 0);
                            }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void MatchesNaive_ForEveryActivationPair(CellKind cell)
    {
        int seed = 100_000;
        foreach (var a in Enum.GetValues<ActivationKind>())
            foreach (var ra in Enum.GetValues<ActivationKind>())
                foreach (bool reverse in new[] { false, true })
                {
                    var o = new SequenceOptions { Activation = a, RecurrentActivation = ra, Reverse = reverse, ZeroOutputForMask = reverse };
                    var c = Create(cell, new SequenceShape(3, 5, 3, 17), bias: true, initialState: true, MaskKind.Arbitrary, ++seed, weightScale: 0.25f);
                    Check(c, o, wideLayout: reverse, training: !reverse);
                }
    }

    /// <summary>Runs fused and naive; compares sequence (through the layout), last output and states; checks no stray writes.</summary>
    private static void Check(SequenceCase c, SequenceOptions o, bool wideLayout, bool training)
    {
        var s = c.Shape;
        int B = s.Batch, T = s.Time, H = s.Units;
        if (wideLayout) o = o with { OutputTimeStride = 2 * H + 1, OutputOffset = H + 1 };
        var outputs = new float[s.OutputLength(o) + 3];
        Array.Fill(outputs, Sentinel);
        var last = new float[B * H];
        var hT = new float[B * H];
        var cT = c.Cell == CellKind.Lstm ? new float[B * H] : [];
        var cache = training ? new float[FusedKernels.CacheSize(c.Cell, s)] : [];
        FusedKernels.Forward(c.Cell, s, o, c.X, c.Kernel, c.RecurrentKernel, c.Bias, c.H0, c.C0, c.Mask, outputs, last, hT, cT, cache);

        var expected = NaiveRecurrence.Run(c.Cell, s, o.WithCell(c.Cell), c.X, c.Kernel, c.RecurrentKernel, c.Bias, c.H0, c.C0, c.Mask);
        string where = $"{c.Cell} B={B} T={T} D={s.InputSize} H={H} {o} bias={c.Bias is not null} mask={c.Mask is not null} training={training}";
        int stride = o.TimeStride(H), written = 0;
        for (int b = 0; b < B; b++)
            for (int step = 0; step < T; step++)
            {
                int row = o.KeepOrder ? (o.Reverse ? T - 1 - step : step) : step;
                for (int j = 0; j < H; j++)
                {
                    Near(expected.Sequence[(b * T + step) * H + j], outputs[(b * T + row) * stride + o.OutputOffset + j], $"outputs[{b},{step},{j}] {where}");
                    written++;
                }
            }
        Assert.True(outputs.Count(v => v == Sentinel) == outputs.Length - written, $"stray output writes: {where}");
        for (int i = 0; i < B * H; i++)
        {
            Near(expected.Last[i], last[i], $"last[{i}] {where}");
            Near(expected.States[0][i], hT[i], $"hT[{i}] {where}");
            if (c.Cell == CellKind.Lstm) Near(expected.States[1][i], cT[i], $"cT[{i}] {where}");
        }
    }

    private static void Near(float expected, float actual, string what)
    {
        if (Math.Abs(expected - actual) > 1e-5f + 1e-5f * Math.Abs(expected))
            Assert.Fail($"{what}: expected {expected}, fused {actual}");
    }
}
