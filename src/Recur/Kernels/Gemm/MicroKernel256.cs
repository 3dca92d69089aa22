using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// AVX2-class register tile for machines (or tests) without AVX-512: the MR x 32 tile is covered by four
/// 6 x 16 sub-tiles of 12 ymm accumulators each, which fits the 16 ymm registers of AVX2.
/// </summary>
internal static unsafe class MicroKernel256
{
    private const int Rows = GemmBlocking.MR / 2;

    /// <summary>Computes one full MR x NR tile; beta = 0 writes C without reading it.</summary>
    public static void Run(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Run6x16(kc, a, b, bStride, c, ldc, alpha, beta);
        Run6x16(kc, a, b + 16, bStride, c + 16, ldc, alpha, beta);
        Run6x16(kc, a + Rows, b, bStride, c + Rows * ldc, ldc, alpha, beta);
        Run6x16(kc, a + Rows, b + 16, bStride, c + Rows * ldc + 16, ldc, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run6x16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> av;
            av = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(av, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(av, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            a += GemmBlocking.MR;
            b += bStride;
        }

        var la = new Lanes256(Vector256.Create(alpha));
        LaneUpdate.Apply(c + 0 * ldc, new Lanes256(c00), la, beta);
        LaneUpdate.Apply(c + 0 * ldc + 8, new Lanes256(c01), la, beta);
        LaneUpdate.Apply(c + 1 * ldc, new Lanes256(c10), la, beta);
        LaneUpdate.Apply(c + 1 * ldc + 8, new Lanes256(c11), la, beta);
        LaneUpdate.Apply(c + 2 * ldc, new Lanes256(c20), la, beta);
        LaneUpdate.Apply(c + 2 * ldc + 8, new Lanes256(c21), la, beta);
        LaneUpdate.Apply(c + 3 * ldc, new Lanes256(c30), la, beta);
        LaneUpdate.Apply(c + 3 * ldc + 8, new Lanes256(c31), la, beta);
        LaneUpdate.Apply(c + 4 * ldc, new Lanes256(c40), la, beta);
        LaneUpdate.Apply(c + 4 * ldc + 8, new Lanes256(c41), la, beta);
        LaneUpdate.Apply(c + 5 * ldc, new Lanes256(c50), la, beta);
        LaneUpdate.Apply(c + 5 * ldc + 8, new Lanes256(c51), la, beta);
    }
}
