using Recur.Kernels.Recurrent;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The naive twin of the fused kernels: one sample, one step, one unit at a time, written straight from the spec
/// equations (§3.1–§3.3) with the mask rule of §2.5 kept literally (a running <c>prev_out</c>). Dot products in double.
/// </summary>
internal static class NaiveRecurrence
{
    /// <summary>The sequence in processing order [B, T, H], the last output [B, H] and the final states (each [B, H]).</summary>
    public sealed record Result(float[] Sequence, float[] Last, float[][] States);

    public static Result Run(CellKind cell, SequenceShape s, SequenceOptions o, float[] x, float[] kernel, float[] recurrentKernel,
        float[]? bias, float[]? h0, float[]? c0, float[]? mask)
    {
        int B = s.Batch, T = s.Time, H = s.Units;
        var seq = new float[B * T * H];
        var last = new float[B * H];
        var hT = new float[B * H];
        var cT = new float[B * H];
        for (int b = 0; b < B; b++)
        {
            var h = h0 is null ? new float[H] : h0.AsSpan(b * H, H).ToArray();
            var c = c0 is null ? new float[H] : c0.AsSpan(b * H, H).ToArray();
            var prevOut = new float[H];
            for (int step = 0; step < T; step++)
            {
                int t = o.Reverse ? T - 1 - step : step;
                var xt = x.AsSpan((b * T + t) * s.InputSize, s.InputSize).ToArray();
                var (hNew, cNew) = Step(cell, s, o, xt, h, c, kernel, recurrentKernel, bias);
                float[] output;
                if (mask is null || mask[b * T + t] != 0f)
                {
                    output = hNew;
                    (h, c) = (hNew, cNew);
                }
                else
                {
                    output = o.ZeroOutputForMask ? new float[H] : prevOut;
                }
                prevOut = output;
                output.CopyTo(seq, (b * T + step) * H);
            }
            prevOut.CopyTo(last, b * H);
            h.CopyTo(hT, b * H);
            c.CopyTo(cT, b * H);
        }
        return new Result(seq, last, cell == CellKind.Lstm ? [hT, cT] : [hT]);
    }

    private static (float[] H, float[] C) Step(CellKind cell, SequenceShape s, SequenceOptions o, float[] x, float[] h, float[] c,
        float[] kernel, float[] rk, float[]? bias)
    {
        int H = s.Units, G = cell.Gates() * H;
        Func<float, float> a = v => Act(o.Activation, v), ra = v => Act(o.RecurrentActivation, v);
        // xin[j] = x·kernel[:, j] + input bias[j]
        var xin = new float[G];
        for (int j = 0; j < G; j++) xin[j] = (float)(Dot(x, kernel, G, j) + (bias is null ? 0 : bias[j]));
        var hNew = new float[H];
        var cNew = (float[])c.Clone();
        switch (cell)
        {
            case CellKind.SimpleRnn:
                for (int j = 0; j < H; j++) hNew[j] = a(xin[j] + (float)Dot(h, rk, G, j));
                break;
            case CellKind.Lstm:
                for (int j = 0; j < H; j++)
                {
                    float zi = xin[j] + (float)Dot(h, rk, G, j), zf = xin[H + j] + (float)Dot(h, rk, G, H + j);
                    float zc = xin[2 * H + j] + (float)Dot(h, rk, G, 2 * H + j), zo = xin[3 * H + j] + (float)Dot(h, rk, G, 3 * H + j);
                    cNew[j] = ra(zf) * c[j] + ra(zi) * a(zc);
                    hNew[j] = ra(zo) * a(cNew[j]);
                }
                break;
            case CellKind.GruResetAfter:
                for (int j = 0; j < H; j++)
                {
                    float Rec(int col) => (float)(Dot(h, rk, G, col) + (bias is null ? 0 : bias[G + col]));
                    float z = ra(xin[j] + Rec(j)), r = ra(xin[H + j] + Rec(H + j));
                    float cand = a(xin[2 * H + j] + r * Rec(2 * H + j));
                    hNew[j] = z * h[j] + (1 - z) * cand;
                }
                break;
            case CellKind.GruResetBefore:
                var zs = new float[H];
                var rh = new float[H];
                for (int j = 0; j < H; j++)
                {
                    zs[j] = ra(xin[j] + (float)Dot(h, rk, G, j));
                    rh[j] = ra(xin[H + j] + (float)Dot(h, rk, G, H + j)) * h[j];
                }
                for (int j = 0; j < H; j++)
                {
                    float cand = a(xin[2 * H + j] + (float)Dot(rh, rk, G, 2 * H + j));
                    hNew[j] = zs[j] * h[j] + (1 - zs[j]) * cand;
                }
                break;
        }
        return (hNew, cNew);
    }

    /// <summary>Σ_k v[k]·w[k, col] for a row-major w with <paramref name="width"/> columns.</summary>
    private static double Dot(float[] v, float[] w, int width, int col)
    {
        double sum = 0;
        for (int k = 0; k < v.Length; k++) sum += (double)v[k] * w[k * width + col];
        return sum;
    }

    public static float Act(ActivationKind kind, float v) => kind switch
    {
        ActivationKind.Tanh => MathF.Tanh(v),
        ActivationKind.Sigmoid => 1f / (1f + MathF.Exp(-v)),
        ActivationKind.HardSigmoid => Math.Clamp(v / 6f + 0.5f, 0f, 1f),
        ActivationKind.Relu => MathF.Max(v, 0f),
        _ => v,
    };
}
