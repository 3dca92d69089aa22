using Recur.Kernels.Recurrent;

namespace Recur.Tests.Recurrent;

/// <summary>A reproducible random problem for one cell: inputs, Keras-layout weights, initial states and a mask.</summary>
internal sealed class SequenceCase
{
    public required CellKind Cell { get; init; }
    public required SequenceShape Shape { get; init; }
    public required float[] X { get; init; }
    public required float[] Kernel { get; init; }
    public required float[] RecurrentKernel { get; init; }
    public float[]? Bias { get; init; }
    public float[]? H0 { get; init; }
    public float[]? C0 { get; init; }
    public float[]? Mask { get; init; }

    /// <summary>Mask patterns: none, right-padded, arbitrary (first step of sample 0 masked, last sample fully masked), left-padded.</summary>
    public enum MaskKind { None, RightPadded, Arbitrary, LeftPadded }

    public static SequenceCase Create(CellKind cell, SequenceShape s, bool bias, bool initialState, MaskKind mask, int seed, float weightScale = 0.6f)
    {
        var rng = new Random(seed);
        int G = cell.Gates() * s.Units, bh = s.Batch * s.Units;
        return new SequenceCase
        {
            Cell = cell,
            Shape = s,
            X = Random(rng, s.Rows * s.InputSize, 1f),
            Kernel = Random(rng, s.InputSize * G, weightScale),
            RecurrentKernel = Random(rng, s.Units * G, weightScale),
            Bias = bias ? Random(rng, cell.BiasSize(s.Units), 0.5f) : null,
            H0 = initialState ? Random(rng, bh, 0.8f) : null,
            C0 = initialState && cell == CellKind.Lstm ? Random(rng, bh, 0.8f) : null,
            Mask = MakeMask(rng, s.Batch, s.Time, mask),
        };
    }

    /// <summary>This case with a right-padded mask: row <c>b</c> valid for its first <c>lengths[b]</c> steps.</summary>
    public SequenceCase WithLengths(int[] lengths)
    {
        int B = Shape.Batch, T = Shape.Time;
        var m = new float[B * T];
        for (int b = 0; b < B; b++) m.AsSpan(b * T, lengths[b]).Fill(1f);
        return new SequenceCase
        {
            Cell = Cell, Shape = Shape, X = X, Kernel = Kernel, RecurrentKernel = RecurrentKernel, Bias = Bias, H0 = H0, C0 = C0, Mask = m,
        };
    }

    private static float[]? MakeMask(Random rng, int B, int T, MaskKind kind)
    {
        if (kind == MaskKind.None) return null;
        var m = new float[B * T];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
                m[b * T + t] = kind switch
                {
                    MaskKind.RightPadded => t < Math.Max(1, T - b) ? 1f : 0f,
                    MaskKind.LeftPadded => t >= Math.Min(b, T - 1) ? 1f : 0f,
                    _ => (b == 0 && t == 0) || (B > 1 && b == B - 1) ? 0f : rng.Next(3) > 0 ? 1f : 0f,
                };
        return m;
    }

    public static float[] Random(Random rng, int n, float scale)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return a;
    }
}
