using System.Numerics.Tensors;

namespace Recur;

/// <summary>
/// im2col and its adjoint col2im for channels-last inputs: one row per output position, holding the window's taps in
/// kernel order (<c>[*k, C]</c> flattened), so that a convolution is one GEMM of the rows with the <c>[Πk·C, F]</c> kernel.
/// </summary>
internal static class ConvPatches
{
    // Large enough for a single GEMM to run at full speed, small enough to stay out of the large-object churn.
    private const int ChunkFloats = 1 << 22;

    // Below this many floats per chunk, fanning the samples out over threads costs more than it saves.
    private const int ParallelFloats = 1 << 16;

    /// <summary>Samples per chunk so that the patch rows of a chunk stay near <see cref="ChunkFloats"/> floats (at least one).</summary>
    public static int SamplesPerChunk(ConvGeometry g, int patch)
    {
        long perSample = Math.Max(1L, (long)g.Positions * patch);
        return (int)Math.Clamp(ChunkFloats / perSample, 1, Math.Max(1, g.Batch));
    }

    /// <summary>Writes the patch rows of samples <c>[first, first + count)</c> into <paramref name="cols"/>; padding taps are zero.</summary>
    public static void Im2Col(ConvGeometry g, float[] x, int first, int count, float[] cols)
    {
        int work = count * g.Positions * g.Taps * g.Channels;
        if (count > 1 && work >= ParallelFloats)
            Parallel.For(0, count, i => Im2ColSample(g, x, first + i, cols, i * g.Positions * g.Taps * g.Channels));
        else
            for (int i = 0; i < count; i++) Im2ColSample(g, x, first + i, cols, i * g.Positions * g.Taps * g.Channels);
    }

    /// <summary>Adds every patch row of samples <c>[first, first + count)</c> back onto the input positions it was read from.</summary>
    public static void Col2Im(ConvGeometry g, float[] cols, int first, int count, float[] dx)
    {
        int work = count * g.Positions * g.Taps * g.Channels;
        // Samples own disjoint slices of dx, so they can accumulate in parallel.
        if (count > 1 && work >= ParallelFloats)
            Parallel.For(0, count, i => Col2ImSample(g, cols, i * g.Positions * g.Taps * g.Channels, first + i, dx));
        else
            for (int i = 0; i < count; i++) Col2ImSample(g, cols, i * g.Positions * g.Taps * g.Channels, first + i, dx);
    }

    private static void Im2ColSample(ConvGeometry g, float[] x, int b, float[] cols, int colsOffset) =>
        ForEachTap(g, b, colsOffset, new Gather(x, cols, g.Channels));

    private static void Col2ImSample(ConvGeometry g, float[] cols, int colsOffset, int b, float[] dx) =>
        ForEachTap(g, b, colsOffset, new Scatter(cols, dx, g.Channels));

    /// <summary>What happens to one tap: <c>input</c> is the offset of its channels in the input, or −1 for padding.</summary>
    private interface ITap
    {
        void Visit(int patchOffset, int input);
    }

    private readonly struct Gather(float[] x, float[] cols, int c) : ITap
    {
        public void Visit(int patchOffset, int input)
        {
            var seg = cols.AsSpan(patchOffset, c);
            if (input >= 0) x.AsSpan(input, c).CopyTo(seg);
            else seg.Clear();
        }
    }

    private readonly struct Scatter(float[] cols, float[] dx, int c) : ITap
    {
        public void Visit(int patchOffset, int input)
        {
            if (input < 0) return;
            var target = dx.AsSpan(input, c);
            TensorPrimitives.Add(target, cols.AsSpan(patchOffset, c), target);
        }
    }

    /// <summary>Visits every tap of every window of sample <paramref name="b"/>, in patch-row order starting at <paramref name="offset"/>.</summary>
    private static void ForEachTap<T>(ConvGeometry g, int b, int offset, T tap) where T : struct, ITap
    {
        int c = g.Channels, xb = b * g.InputPositions * c;
        for (int od = 0; od < g.Out[0]; od++)
        for (int oh = 0; oh < g.Out[1]; oh++)
        for (int ow = 0; ow < g.Out[2]; ow++)
        for (int kd = 0; kd < g.K[0]; kd++)
        {
            int id = od * g.S[0] - g.Pad[0] + kd * g.D[0];
            for (int kh = 0; kh < g.K[1]; kh++)
            {
                int ih = oh * g.S[1] - g.Pad[1] + kh * g.D[1];
                for (int kw = 0; kw < g.K[2]; kw++, offset += c)
                {
                    int iw = ow * g.S[2] - g.Pad[2] + kw * g.D[2];
                    bool inside = (uint)id < (uint)g.In[0] && (uint)ih < (uint)g.In[1] && (uint)iw < (uint)g.In[2];
                    tap.Visit(offset, inside ? xb + ((id * g.In[1] + ih) * g.In[2] + iw) * c : -1);
                }
            }
        }
    }
}
