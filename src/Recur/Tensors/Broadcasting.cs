using System.Numerics.Tensors;

namespace Recur;

/// <summary>An element-wise binary function with span forms for the contiguous inner loops.</summary>
internal interface IBinaryOp
{
    static abstract float Apply(float a, float b);
    static abstract void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d);
    static abstract void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d);
    static abstract void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d);
}

/// <summary>NumPy-broadcast element-wise loops and the matching gradient reduction.</summary>
internal static class Broadcasting
{
    /// <summary>d = op(a, b) with a and b broadcast to the shape of d.</summary>
    public static void Apply<TOp>(Tensor a, Tensor b, Tensor d) where TOp : IBinaryOp
    {
        if (a.Size == d.Size && b.Size == d.Size) { TOp.Spans(a.Span, b.Span, d.Span); return; }
        if (b.Size == 1 && a.Size == d.Size) { TOp.SpanScalar(a.Span, b.Data[0], d.Span); return; }
        if (a.Size == 1 && b.Size == d.Size) { TOp.ScalarSpan(a.Data[0], b.Span, d.Span); return; }
        if (d.Size == 0) return;

        int rank = d.Rank;
        var sa = BroadcastStrides(a.Dims, rank);
        var sb = BroadcastStrides(b.Dims, rank);
        var outDims = d.Dims;
        int inner = rank == 0 ? 1 : outDims[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1], ib = rank == 0 ? 0 : sb[rank - 1];
        int outer = d.Size / inner;
        var idx = new int[Math.Max(rank - 1, 0)];
        var ad = a.Data; var bd = b.Data; var dd = d.Data;
        for (int o = 0; o < outer; o++)
        {
            int offA = 0, offB = 0;
            for (int k = 0; k < idx.Length; k++) { offA += idx[k] * sa[k]; offB += idx[k] * sb[k]; }
            var dst = dd.AsSpan(o * inner, inner);
            if (ia == 1 && ib == 1) TOp.Spans(ad.AsSpan(offA, inner), bd.AsSpan(offB, inner), dst);
            else if (ia == 1 && ib == 0) TOp.SpanScalar(ad.AsSpan(offA, inner), bd[offB], dst);
            else if (ia == 0 && ib == 1) TOp.ScalarSpan(ad[offA], bd.AsSpan(offB, inner), dst);
            else { float va = ad[offA], vb = bd[offB]; dst.Fill(TOp.Apply(va, vb)); }
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < outDims[k]) break;
                idx[k] = 0;
            }
        }
    }

    /// <summary>Sums <paramref name="g"/> (of the broadcast shape) down to <paramref name="shape"/>: the gradient of a broadcast.</summary>
    public static Tensor SumTo(Tensor g, int[] shape)
    {
        if (g.Dims.AsSpan().SequenceEqual(shape)) return g;
        var r = Tensor.Empty(shape);
        if (r.Size == 1) { r.Data[0] = TensorPrimitives.Sum(g.AsReadOnlySpan()); return r; }
        int rank = g.Rank;
        var sr = BroadcastStrides(shape, rank);
        var dims = g.Dims;
        int inner = dims[rank - 1];
        int ir = sr[rank - 1];
        int outer = inner == 0 ? 0 : g.Size / inner;
        var idx = new int[rank - 1];
        var gd = g.Data; var rd = r.Data;
        for (int o = 0; o < outer; o++)
        {
            int off = 0;
            for (int k = 0; k < idx.Length; k++) off += idx[k] * sr[k];
            var src = gd.AsSpan(o * inner, inner);
            if (ir == 1) TensorPrimitives.Add(rd.AsSpan(off, inner), src, rd.AsSpan(off, inner));
            else rd[off] += TensorPrimitives.Sum(src);
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < dims[k]) break;
                idx[k] = 0;
            }
        }
        return r;
    }

    /// <summary>Strides of <paramref name="shape"/> aligned right to <paramref name="rank"/>, 0 on broadcast axes.</summary>
    private static int[] BroadcastStrides(int[] shape, int rank)
    {
        var s = new int[rank];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            int j = i + rank - shape.Length;
            s[j] = shape[i] == 1 ? 0 : acc;
            acc *= shape[i];
        }
        return s;
    }
}
