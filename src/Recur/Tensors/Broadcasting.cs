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

/// <summary>A reduction: an identity, a pairwise form and span forms (element-wise combine, whole-span aggregate).</summary>
internal interface IReduceOp
{
    static abstract float Identity { get; }
    static abstract float Apply(float a, float b);
    static abstract void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d);
    static abstract float Aggregate(ReadOnlySpan<float> x);
}

internal readonly struct SumReduce : IReduceOp
{
    public static float Identity => 0f;
    public static float Apply(float a, float b) => a + b;
    public static void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Add(a, b, d);
    public static float Aggregate(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);
}

/// <summary>Maximum; NaN propagates (IEEE 754-2019 <c>maximum</c>), the identity is −∞.</summary>
internal readonly struct MaxReduce : IReduceOp
{
    public static float Identity => float.NegativeInfinity;
    public static float Apply(float a, float b) => MathF.Max(a, b);
    public static void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Max(a, b, d);
    public static float Aggregate(ReadOnlySpan<float> x) => TensorPrimitives.Max(x);
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
    public static Tensor SumTo(Tensor g, int[] shape) => ReduceTo<SumReduce>(g, shape);

    /// <summary>
    /// Reduces <paramref name="g"/> down to <paramref name="shape"/> (same rank, 1 on reduced axes, or fewer leading axes)
    /// with <typeparamref name="TReduce"/>. Returns <paramref name="g"/> itself when the shapes are equal.
    /// </summary>
    public static Tensor ReduceTo<TReduce>(Tensor g, int[] shape) where TReduce : IReduceOp
    {
        if (g.Dims.AsSpan().SequenceEqual(shape)) return g;
        var r = Tensor.Empty(shape);
        if (TReduce.Identity != 0f) r.Span.Fill(TReduce.Identity);
        if (r.Size == 1)
        {
            if (g.Size > 0) r.Data[0] = TReduce.Aggregate(g.AsReadOnlySpan());
            return r;
        }
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
            if (ir == 1) TReduce.Combine(rd.AsSpan(off, inner), src, rd.AsSpan(off, inner));
            else rd[off] = TReduce.Apply(rd[off], TReduce.Aggregate(src));
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < dims[k]) break;
                idx[k] = 0;
            }
        }
        return r;
    }

    /// <summary>
    /// <c>d = c ≠ 0 ? a : b</c> element-wise, with <paramref name="c"/>, <paramref name="a"/> and <paramref name="b"/>
    /// broadcast to the shape of <paramref name="d"/> (NaN in <paramref name="c"/> counts as nonzero).
    /// </summary>
    public static void Select(Tensor c, Tensor a, Tensor b, Tensor d)
    {
        var cd = c.Data; var ad = a.Data; var bd = b.Data; var dd = d.Data;
        if (c.Size == d.Size && a.Size == d.Size && b.Size == d.Size)
        {
            for (int i = 0; i < dd.Length; i++) dd[i] = cd[i] != 0f ? ad[i] : bd[i];
            return;
        }
        if (d.Size == 0) return;
        int rank = d.Rank;
        var sc = BroadcastStrides(c.Dims, rank);
        var sa = BroadcastStrides(a.Dims, rank);
        var sb = BroadcastStrides(b.Dims, rank);
        var outDims = d.Dims;
        int inner = outDims[rank - 1];
        int ic = sc[rank - 1], ia = sa[rank - 1], ib = sb[rank - 1];
        int outer = d.Size / inner;
        var idx = new int[rank - 1];
        for (int o = 0; o < outer; o++)
        {
            int offC = 0, offA = 0, offB = 0;
            for (int k = 0; k < idx.Length; k++) { offC += idx[k] * sc[k]; offA += idx[k] * sa[k]; offB += idx[k] * sb[k]; }
            int dst = o * inner;
            for (int j = 0; j < inner; j++)
                dd[dst + j] = cd[offC + j * ic] != 0f ? ad[offA + j * ia] : bd[offB + j * ib];
            for (int k = idx.Length - 1; k >= 0; k--)
            {
                if (++idx[k] < outDims[k]) break;
                idx[k] = 0;
            }
        }
    }

    /// <summary>Strides of <paramref name="shape"/> aligned right to <paramref name="rank"/>, 0 on broadcast axes.</summary>
    internal static int[] BroadcastStrides(int[] shape, int rank)
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
