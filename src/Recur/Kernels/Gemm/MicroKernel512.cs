using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>Compile-time count (rows of a register tile, or vectors per pass of the single-row loop); the JIT drops the code for absent ones.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

/// <summary>Four rows: the last rows of a panel when m mod MR is at most 4.</summary>
internal struct FourRows : IRowCount
{
    public static int Count => 4;
}

/// <summary>Eight rows: the last rows of a panel when m mod MR is 5 to 8.</summary>
internal struct EightRows : IRowCount
{
    public static int Count => 8;
}

/// <summary>A full panel of MR rows.</summary>
internal struct FullRows : IRowCount
{
    public static int Count => GemmBlocking.MR;
}

/// <summary>
/// AVX-512 register tile: C[rows x 32] = alpha * A[rows x kc] * B[kc x 32] + beta * C with up to 24 zmm accumulators,
/// A broadcast from the packed panel (stride MR per k) and B loaded as two vectors (stride <c>bStride</c> per k).
/// The 4- and 8-row variants serve a panel's last rows, where a padded 12-row tile would waste up to two thirds of
/// the work; every variant performs the same fused multiply-adds per element.
/// </summary>
internal static unsafe class MicroKernel512
{
    /// <summary>Computes rows [0, TRows.Count) of a tile; beta = 0 writes C without reading it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TRows>(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
        where TRows : struct, IRowCount
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        Vector512<float> c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default;
        Vector512<float> c100 = default, c101 = default;
        Vector512<float> c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> av;
            av = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            if (TRows.Count > 4)
            {
                av = Vector512.Create(a[4]);
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
                av = Vector512.Create(a[5]);
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
                av = Vector512.Create(a[6]);
                c60 = Vector512.FusedMultiplyAdd(av, b0, c60);
                c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
                av = Vector512.Create(a[7]);
                c70 = Vector512.FusedMultiplyAdd(av, b0, c70);
                c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            }

            if (TRows.Count > 8)
            {
                av = Vector512.Create(a[8]);
                c80 = Vector512.FusedMultiplyAdd(av, b0, c80);
                c81 = Vector512.FusedMultiplyAdd(av, b1, c81);
                av = Vector512.Create(a[9]);
                c90 = Vector512.FusedMultiplyAdd(av, b0, c90);
                c91 = Vector512.FusedMultiplyAdd(av, b1, c91);
                av = Vector512.Create(a[10]);
                c100 = Vector512.FusedMultiplyAdd(av, b0, c100);
                c101 = Vector512.FusedMultiplyAdd(av, b1, c101);
                av = Vector512.Create(a[11]);
                c110 = Vector512.FusedMultiplyAdd(av, b0, c110);
                c111 = Vector512.FusedMultiplyAdd(av, b1, c111);
            }

            a += GemmBlocking.MR;
            b += bStride;
        }

        var la = new Lanes512(Vector512.Create(alpha));
        LaneUpdate.Apply(c + 0 * ldc, new Lanes512(c00), la, beta);
        LaneUpdate.Apply(c + 0 * ldc + 16, new Lanes512(c01), la, beta);
        LaneUpdate.Apply(c + 1 * ldc, new Lanes512(c10), la, beta);
        LaneUpdate.Apply(c + 1 * ldc + 16, new Lanes512(c11), la, beta);
        LaneUpdate.Apply(c + 2 * ldc, new Lanes512(c20), la, beta);
        LaneUpdate.Apply(c + 2 * ldc + 16, new Lanes512(c21), la, beta);
        LaneUpdate.Apply(c + 3 * ldc, new Lanes512(c30), la, beta);
        LaneUpdate.Apply(c + 3 * ldc + 16, new Lanes512(c31), la, beta);
        if (TRows.Count > 4)
        {
            LaneUpdate.Apply(c + 4 * ldc, new Lanes512(c40), la, beta);
            LaneUpdate.Apply(c + 4 * ldc + 16, new Lanes512(c41), la, beta);
            LaneUpdate.Apply(c + 5 * ldc, new Lanes512(c50), la, beta);
            LaneUpdate.Apply(c + 5 * ldc + 16, new Lanes512(c51), la, beta);
            LaneUpdate.Apply(c + 6 * ldc, new Lanes512(c60), la, beta);
            LaneUpdate.Apply(c + 6 * ldc + 16, new Lanes512(c61), la, beta);
            LaneUpdate.Apply(c + 7 * ldc, new Lanes512(c70), la, beta);
            LaneUpdate.Apply(c + 7 * ldc + 16, new Lanes512(c71), la, beta);
        }

        if (TRows.Count > 8)
        {
            LaneUpdate.Apply(c + 8 * ldc, new Lanes512(c80), la, beta);
            LaneUpdate.Apply(c + 8 * ldc + 16, new Lanes512(c81), la, beta);
            LaneUpdate.Apply(c + 9 * ldc, new Lanes512(c90), la, beta);
            LaneUpdate.Apply(c + 9 * ldc + 16, new Lanes512(c91), la, beta);
            LaneUpdate.Apply(c + 10 * ldc, new Lanes512(c100), la, beta);
            LaneUpdate.Apply(c + 10 * ldc + 16, new Lanes512(c101), la, beta);
            LaneUpdate.Apply(c + 11 * ldc, new Lanes512(c110), la, beta);
            LaneUpdate.Apply(c + 11 * ldc + 16, new Lanes512(c111), la, beta);
        }
    }
}
