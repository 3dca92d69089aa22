using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>
/// Single-row product (m = 1, e.g. a batch-1 recurrent step): streams B once with up to eight independent vector
/// accumulators and no packing. Each element is summed in the same KC blocks and order as the blocked path.
/// </summary>
internal static unsafe class GemmRow
{
    /// <summary>Computes C[0, n0..n1); B must be untransposed or pre-packed.</summary>
    public static void Compute(in GemmProblem g, int n0, int n1)
    {
        int kBlock = GemmBlocking.KBlock(g.K);
        int j = n0;
        if (g.SimdWidth >= 512)
            j = Columns<Lanes512>(g, j, n1, kBlock);
        else if (g.SimdWidth >= 256)
            j = Columns<Lanes256>(g, j, n1, kBlock);
        for (; j < n1; j++)
            Column(g, j, kBlock);
    }

    // Address of op(B)[0, j]; successive depths follow at RowStride.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* ColumnBase(in GemmProblem g, int j) =>
        g.PackedB != null
            ? g.PackedB + (nint)(j / GemmBlocking.NR) * g.K * GemmBlocking.NR + j % GemmBlocking.NR
            : g.B + j;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint RowStride(in GemmProblem g) => g.PackedB != null ? GemmBlocking.NR : g.Ldb;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint AStride(in GemmProblem g) => g.TransA ? g.Lda : 1;

    /// <summary>Vector columns from <paramref name="j"/>: eight vectors at a time, then four, then one; returns the first column left.</summary>
    private static int Columns<T>(in GemmProblem g, int j, int n1, int kBlock) where T : struct, ILanes<T>
    {
        int w = T.Count;
        for (; j + 8 * w <= n1; j += 8 * w)
            Vectors<T, TileRows.Eight>(g, j, kBlock);
        for (; j + 4 * w <= n1; j += 4 * w)
            Vectors<T, TileRows.Four>(g, j, kBlock);
        for (; j + w <= n1; j += w)
            OneVector<T>(g, j, kBlock);
        return j;
    }

    // Several vectors per pass so consecutive depths stream contiguous runs of B and the FMA latency is hidden.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectors<T, TCount>(in GemmProblem g, int j, int kBlock)
        where T : struct, ILanes<T>
        where TCount : struct, IRowCount
    {
        int w = T.Count;
        nint stride = RowStride(g), aStride = AStride(g);
        float* b0 = ColumnBase(g, j), b1 = ColumnBase(g, j + w), b2 = ColumnBase(g, j + 2 * w), b3 = ColumnBase(g, j + 3 * w);
        bool eight = TCount.Count > 4;
        float* b4 = eight ? ColumnBase(g, j + 4 * w) : null, b5 = eight ? ColumnBase(g, j + 5 * w) : null;
        float* b6 = eight ? ColumnBase(g, j + 6 * w) : null, b7 = eight ? ColumnBase(g, j + 7 * w) : null;
        float* c = g.C + j;
        var alpha = T.Broadcast(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            nint off = pc * stride;
            T s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int p = 0; p < kc; p++, a += aStride, off += stride)
            {
                var av = T.Broadcast(*a);
                s0 = T.MultiplyAdd(av, T.Load(b0 + off), s0);
                s1 = T.MultiplyAdd(av, T.Load(b1 + off), s1);
                s2 = T.MultiplyAdd(av, T.Load(b2 + off), s2);
                s3 = T.MultiplyAdd(av, T.Load(b3 + off), s3);
                if (TCount.Count > 4)
                {
                    s4 = T.MultiplyAdd(av, T.Load(b4 + off), s4);
                    s5 = T.MultiplyAdd(av, T.Load(b5 + off), s5);
                    s6 = T.MultiplyAdd(av, T.Load(b6 + off), s6);
                    s7 = T.MultiplyAdd(av, T.Load(b7 + off), s7);
                }
            }

            float beta = pc == 0 ? g.Beta : 1f;
            LaneUpdate.Apply(c, s0, alpha, beta);
            LaneUpdate.Apply(c + w, s1, alpha, beta);
            LaneUpdate.Apply(c + 2 * w, s2, alpha, beta);
            LaneUpdate.Apply(c + 3 * w, s3, alpha, beta);
            if (TCount.Count > 4)
            {
                LaneUpdate.Apply(c + 4 * w, s4, alpha, beta);
                LaneUpdate.Apply(c + 5 * w, s5, alpha, beta);
                LaneUpdate.Apply(c + 6 * w, s6, alpha, beta);
                LaneUpdate.Apply(c + 7 * w, s7, alpha, beta);
            }
        }
    }

    private static void OneVector<T>(in GemmProblem g, int j, int kBlock) where T : struct, ILanes<T>
    {
        nint stride = RowStride(g), aStride = AStride(g);
        float* b = ColumnBase(g, j);
        var alpha = T.Broadcast(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            float* bp = b + pc * stride;
            T s = default;
            for (int p = 0; p < kc; p++, a += aStride, bp += stride)
                s = T.MultiplyAdd(T.Broadcast(*a), T.Load(bp), s);
            LaneUpdate.Apply(g.C + j, s, alpha, pc == 0 ? g.Beta : 1f);
        }
    }

    private static void Column(in GemmProblem g, int j, int kBlock)
    {
        nint stride = RowStride(g), aStride = AStride(g);
        float* b = ColumnBase(g, j);
        float* c = g.C + j;
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            float* bp = b + pc * stride;
            float s = 0f;
            for (int p = 0; p < kc; p++, a += aStride, bp += stride)
                s = MathF.FusedMultiplyAdd(*a, *bp, s);
            float beta = pc == 0 ? g.Beta : 1f;
            *c = beta == 0f ? g.Alpha * s : MathF.FusedMultiplyAdd(g.Alpha, s, beta * *c);
        }
    }
}
