using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// Single-row product (m = 1, e.g. a batch-1 recurrent step): streams B once with several independent vector
/// accumulators and no packing. Each element is summed in the same KC blocks and order as the blocked path.
/// </summary>
internal static unsafe class GemmRow
{
    /// <summary>Computes C[0, n0..n1); B must be untransposed or pre-packed.</summary>
    public static void Compute(in GemmProblem g, int n0, int n1)
    {
        int k = g.K;
        int kBlock = GemmBlocking.KBlock(k);
        nint aStride = g.TransA ? g.Lda : 1;
        int j = n0;
        if (g.SimdWidth >= 512)
        {
            for (; j + 64 <= n1; j += 64)
                Columns512x4(g, j, kBlock, aStride);
            for (; j + 16 <= n1; j += 16)
                Columns512x1(g, j, kBlock, aStride);
        }
        else if (g.SimdWidth >= 256)
        {
            for (; j + 32 <= n1; j += 32)
                Columns256x4(g, j, kBlock, aStride);
            for (; j + 8 <= n1; j += 8)
                Columns256x1(g, j, kBlock, aStride);
        }

        for (; j < n1; j++)
            Column(g, j, kBlock, aStride);
    }

    // Address of op(B)[0, j]; successive depths follow at RowStride.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* ColumnBase(in GemmProblem g, int j) =>
        g.PackedB != null
            ? g.PackedB + (nint)(j / GemmBlocking.NR) * g.K * GemmBlocking.NR + j % GemmBlocking.NR
            : g.B + j;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint RowStride(in GemmProblem g) => g.PackedB != null ? GemmBlocking.NR : g.Ldb;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns512x4(in GemmProblem g, int j, int kBlock, nint aStride)
    {
        nint stride = RowStride(g);
        float* b0 = ColumnBase(g, j + 0 * 16);
        float* b1 = ColumnBase(g, j + 1 * 16);
        float* b2 = ColumnBase(g, j + 2 * 16);
        float* b3 = ColumnBase(g, j + 3 * 16);
        float* c0 = g.C + j + 0 * 16;
        float* c1 = g.C + j + 1 * 16;
        float* c2 = g.C + j + 2 * 16;
        float* c3 = g.C + j + 3 * 16;
        var va = Vector512.Create(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            nint off = pc * stride;
            Vector512<float> s0 = default;
            Vector512<float> s1 = default;
            Vector512<float> s2 = default;
            Vector512<float> s3 = default;
            for (int p = 0; p < kc; p++, a += aStride, off += stride)
            {
                var av = Vector512.Create(*a);
                s0 = Vector512.FusedMultiplyAdd(av, Vector512.Load(b0 + off), s0);
                s1 = Vector512.FusedMultiplyAdd(av, Vector512.Load(b1 + off), s1);
                s2 = Vector512.FusedMultiplyAdd(av, Vector512.Load(b2 + off), s2);
                s3 = Vector512.FusedMultiplyAdd(av, Vector512.Load(b3 + off), s3);
            }

            float beta = pc == 0 ? g.Beta : 1f;
            Update512(c0, s0, va, beta);
            Update512(c1, s1, va, beta);
            Update512(c2, s2, va, beta);
            Update512(c3, s3, va, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns512x1(in GemmProblem g, int j, int kBlock, nint aStride)
    {
        nint stride = RowStride(g);
        float* b0 = ColumnBase(g, j + 0 * 16);
        float* c0 = g.C + j + 0 * 16;
        var va = Vector512.Create(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            nint off = pc * stride;
            Vector512<float> s0 = default;
            for (int p = 0; p < kc; p++, a += aStride, off += stride)
            {
                var av = Vector512.Create(*a);
                s0 = Vector512.FusedMultiplyAdd(av, Vector512.Load(b0 + off), s0);
            }

            float beta = pc == 0 ? g.Beta : 1f;
            Update512(c0, s0, va, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update512(float* c, Vector512<float> sum, Vector512<float> va, float beta)
    {
        var result = beta == 0f ? va * sum : Vector512.FusedMultiplyAdd(va, sum, Vector512.Create(beta) * Vector512.Load(c));
        Vector512.Store(result, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns256x4(in GemmProblem g, int j, int kBlock, nint aStride)
    {
        nint stride = RowStride(g);
        float* b0 = ColumnBase(g, j + 0 * 8);
        float* b1 = ColumnBase(g, j + 1 * 8);
        float* b2 = ColumnBase(g, j + 2 * 8);
        float* b3 = ColumnBase(g, j + 3 * 8);
        float* c0 = g.C + j + 0 * 8;
        float* c1 = g.C + j + 1 * 8;
        float* c2 = g.C + j + 2 * 8;
        float* c3 = g.C + j + 3 * 8;
        var va = Vector256.Create(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            nint off = pc * stride;
            Vector256<float> s0 = default;
            Vector256<float> s1 = default;
            Vector256<float> s2 = default;
            Vector256<float> s3 = default;
            for (int p = 0; p < kc; p++, a += aStride, off += stride)
            {
                var av = Vector256.Create(*a);
                s0 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b0 + off), s0);
                s1 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b1 + off), s1);
                s2 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b2 + off), s2);
                s3 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b3 + off), s3);
            }

            float beta = pc == 0 ? g.Beta : 1f;
            Update256(c0, s0, va, beta);
            Update256(c1, s1, va, beta);
            Update256(c2, s2, va, beta);
            Update256(c3, s3, va, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns256x1(in GemmProblem g, int j, int kBlock, nint aStride)
    {
        nint stride = RowStride(g);
        float* b0 = ColumnBase(g, j + 0 * 8);
        float* c0 = g.C + j + 0 * 8;
        var va = Vector256.Create(g.Alpha);
        for (int pc = 0; pc < g.K; pc += kBlock)
        {
            int kc = Math.Min(kBlock, g.K - pc);
            float* a = g.A + pc * aStride;
            nint off = pc * stride;
            Vector256<float> s0 = default;
            for (int p = 0; p < kc; p++, a += aStride, off += stride)
            {
                var av = Vector256.Create(*a);
                s0 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b0 + off), s0);
            }

            float beta = pc == 0 ? g.Beta : 1f;
            Update256(c0, s0, va, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update256(float* c, Vector256<float> sum, Vector256<float> va, float beta)
    {
        var result = beta == 0f ? va * sum : Vector256.FusedMultiplyAdd(va, sum, Vector256.Create(beta) * Vector256.Load(c));
        Vector256.Store(result, c);
    }

    private static void Column(in GemmProblem g, int j, int kBlock, nint aStride)
    {
        nint stride = RowStride(g);
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
