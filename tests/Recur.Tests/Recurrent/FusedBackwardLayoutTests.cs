using Recur.Kernels.Recurrent;
using static Recur.Tests.Recurrent.SequenceCase;

namespace Recur.Tests.Recurrent;

/// <summary>The kernels' backward reads <c>dOutputs</c> through the same strided layout the forward writes (e.g. one half of a concat).</summary>
public sealed class FusedBackwardLayoutTests
{
    public static TheoryData<CellKind> Cells => [CellKind.Lstm, CellKind.GruResetAfter, CellKind.GruResetBefore, CellKind.SimpleRnn];

    [Theory]
    [MemberData(nameof(Cells))]
    public void WideLayout_GivesTheSameGradientsAsDense(CellKind cell)
    {
        var s = new SequenceShape(3, 5, 4, 6);
        var c = Create(cell, s, bias: true, initialState: true, MaskKind.Arbitrary, 11);
        var dense = new SequenceOptions { Reverse = true, KeepOrder = true };
        var wide = dense with { OutputTimeStride = 2 * s.Units + 1, OutputOffset = s.Units + 1 };
        var dOut = Random(new Random(5), s.Rows * s.Units, 1f);
        var dOutWide = new float[s.OutputLength(wide)];
        for (int row = 0; row < s.Rows; row++) dOut.AsSpan(row * s.Units, s.Units).CopyTo(dOutWide.AsSpan(row * wide.OutputTimeStride + wide.OutputOffset));
        Assert.Equal(Gradients(c, dense, dOut), Gradients(c, wide, dOutWide));
    }

    /// <summary>Forward with a cache, then backward from <paramref name="dOutputs"/> only; returns dx, dKernel, dRecurrentKernel, dBias, dh0 concatenated.</summary>
    private static float[] Gradients(SequenceCase c, SequenceOptions o, float[] dOutputs)
    {
        var s = c.Shape;
        var cache = new float[FusedKernels.CacheSize(c.Cell, s)];
        var outputs = new float[s.OutputLength(o)];
        FusedKernels.Forward(c.Cell, s, o, c.X, c.Kernel, c.RecurrentKernel, c.Bias, c.H0, c.C0, c.Mask, outputs, default, default, default, cache);
        float[] dx = new float[c.X.Length], dk = new float[c.Kernel.Length], drk = new float[c.RecurrentKernel.Length];
        float[] db = new float[c.Bias!.Length], dh0 = new float[s.Batch * s.Units];
        FusedKernels.Backward(c.Cell, s, o, c.X, c.Kernel, c.RecurrentKernel, c.Mask, cache, dOutputs, default, default, default,
            dx, dk, drk, db, dh0, default);
        return [.. dx, .. dk, .. drk, .. db, .. dh0];
    }
}
