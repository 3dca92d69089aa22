using Recur.Kernels.Recurrent;

namespace Recur.Tests.Recurrent;

/// <summary>Calls the fused kernel of a <see cref="CellKind"/> through one signature (empty spans for what the cell lacks).</summary>
internal static class FusedKernels
{
    public static SequenceOptions WithCell(this SequenceOptions o, CellKind cell) =>
        o with { ResetAfter = cell != CellKind.GruResetBefore };

    public static int CacheSize(CellKind cell, SequenceShape s) => cell switch
    {
        CellKind.Lstm => LstmSequence.CacheSize(s),
        CellKind.SimpleRnn => SimpleRnnSequence.CacheSize(s),
        _ => GruSequence.CacheSize(s),
    };

    public static void Forward(CellKind cell, SequenceShape s, SequenceOptions o, float[] x, float[] kernel, float[] rk, float[]? bias,
        float[]? h0, float[]? c0, float[]? mask, Span<float> outputs, Span<float> last, Span<float> hT, Span<float> cT, Span<float> cache)
    {
        o = o.WithCell(cell);
        switch (cell)
        {
            case CellKind.Lstm:
                LstmSequence.Forward(s, o, x, kernel, rk, bias, h0, c0, mask, outputs, last, hT, cT, cache);
                break;
            case CellKind.SimpleRnn:
                SimpleRnnSequence.Forward(s, o, x, kernel, rk, bias, h0, mask, outputs, last, hT, cache);
                break;
            default:
                GruSequence.Forward(s, o, x, kernel, rk, bias, h0, mask, outputs, last, hT, cache);
                break;
        }
    }

    public static void Backward(CellKind cell, SequenceShape s, SequenceOptions o, float[] x, float[] kernel, float[] rk, float[]? mask,
        float[] cache, ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLast, ReadOnlySpan<float> dhT, ReadOnlySpan<float> dcT,
        Span<float> dx, Span<float> dKernel, Span<float> dRk, Span<float> dBias, Span<float> dh0, Span<float> dc0)
    {
        o = o.WithCell(cell);
        switch (cell)
        {
            case CellKind.Lstm:
                LstmSequence.Backward(s, o, x, kernel, rk, mask, cache, dOutputs, dLast, dhT, dcT, dx, dKernel, dRk, dBias, dh0, dc0);
                break;
            case CellKind.SimpleRnn:
                SimpleRnnSequence.Backward(s, o, x, kernel, rk, mask, cache, dOutputs, dLast, dhT, dx, dKernel, dRk, dBias, dh0);
                break;
            default:
                GruSequence.Backward(s, o, x, kernel, rk, mask, cache, dOutputs, dLast, dhT, dx, dKernel, dRk, dBias, dh0);
                break;
        }
    }
}
