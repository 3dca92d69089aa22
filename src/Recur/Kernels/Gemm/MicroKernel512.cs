using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// AVX-512 register tile: C[rows x 32] = alpha * A[rows x kc] * B[kc x 32] + beta * C with up to 24 zmm accumulators,
/// A broadcast from the packed panel (stride MR per k) and B loaded as two vectors (stride <c>bStride</c> per k).
/// A panel's last rows (m mod MR of them) run the variant of exactly that many rows (<see cref="ForRows"/>), so a ragged
/// product, such as the recurrent step of a batch whose shorter sequences have ended, computes no padding rows and needs
/// no scratch tile; every variant performs the same fused multiply-adds per element, so the bits do not depend on it.
/// </summary>
internal static unsafe class MicroKernel512
{
    /// <summary>The tile of <paramref name="rows"/> rows (1 to MR).</summary>
    public static delegate*<int, float*, float*, nint, float*, nint, float, float, void> ForRows(int rows)
    {
        System.Diagnostics.Debug.Assert(rows is >= 1 and <= GemmBlocking.MR, "a tile has 1 to MR rows");
        return rows switch
        {
            1 => &Run<TileRows.One>,
            2 => &Run<TileRows.Two>,
            3 => &Run<TileRows.Three>,
            4 => &Run<TileRows.Four>,
            5 => &Run<TileRows.Five>,
            6 => &Run<TileRows.Six>,
            7 => &Run<TileRows.Seven>,
            8 => &Run<TileRows.Eight>,
            9 => &Run<TileRows.Nine>,
            10 => &Run<TileRows.Ten>,
            11 => &Run<TileRows.Eleven>,
            _ => &Run<TileRows.Full>,
        };
    }

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
            Vector512<float> av = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            if (TRows.Count > 1)
            {
                av = Vector512.Create(a[1]);
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(a[2]);
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(a[3]);
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(a[4]);
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(a[5]);
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            }

            if (TRows.Count > 6)
            {
                av = Vector512.Create(a[6]);
                c60 = Vector512.FusedMultiplyAdd(av, b0, c60);
                c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
            }

            if (TRows.Count > 7)
            {
                av = Vector512.Create(a[7]);
                c70 = Vector512.FusedMultiplyAdd(av, b0, c70);
                c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            }

            if (TRows.Count > 8)
            {
                av = Vector512.Create(a[8]);
                c80 = Vector512.FusedMultiplyAdd(av, b0, c80);
                c81 = Vector512.FusedMultiplyAdd(av, b1, c81);
            }

            if (TRows.Count > 9)
            {
                av = Vector512.Create(a[9]);
                c90 = Vector512.FusedMultiplyAdd(av, b0, c90);
                c91 = Vector512.FusedMultiplyAdd(av, b1, c91);
            }

            if (TRows.Count > 10)
            {
                av = Vector512.Create(a[10]);
                c100 = Vector512.FusedMultiplyAdd(av, b0, c100);
                c101 = Vector512.FusedMultiplyAdd(av, b1, c101);
            }

            if (TRows.Count > 11)
            {
                av = Vector512.Create(a[11]);
                c110 = Vector512.FusedMultiplyAdd(av, b0, c110);
                c111 = Vector512.FusedMultiplyAdd(av, b1, c111);
            }
            a += GemmBlocking.MR;
            b += bStride;
        }

        var la = new Lanes512(Vector512.Create(alpha));
        LaneUpdate.Apply(c, new Lanes512(c00), la, beta);
        LaneUpdate.Apply(c + 16, new Lanes512(c01), la, beta);
        if (TRows.Count > 1)
        {
            LaneUpdate.Apply(c + 1 * ldc, new Lanes512(c10), la, beta);
            LaneUpdate.Apply(c + 1 * ldc + 16, new Lanes512(c11), la, beta);
        }

        if (TRows.Count > 2)
        {
            LaneUpdate.Apply(c + 2 * ldc, new Lanes512(c20), la, beta);
            LaneUpdate.Apply(c + 2 * ldc + 16, new Lanes512(c21), la, beta);
        }

        if (TRows.Count > 3)
        {
            LaneUpdate.Apply(c + 3 * ldc, new Lanes512(c30), la, beta);
            LaneUpdate.Apply(c + 3 * ldc + 16, new Lanes512(c31), la, beta);
        }

        if (TRows.Count > 4)
        {
            LaneUpdate.Apply(c + 4 * ldc, new Lanes512(c40), la, beta);
            LaneUpdate.Apply(c + 4 * ldc + 16, new Lanes512(c41), la, beta);
        }

        if (TRows.Count > 5)
        {
            LaneUpdate.Apply(c + 5 * ldc, new Lanes512(c50), la, beta);
            LaneUpdate.Apply(c + 5 * ldc + 16, new Lanes512(c51), la, beta);
        }

        if (TRows.Count > 6)
        {
            LaneUpdate.Apply(c + 6 * ldc, new Lanes512(c60), la, beta);
            LaneUpdate.Apply(c + 6 * ldc + 16, new Lanes512(c61), la, beta);
        }

        if (TRows.Count > 7)
        {
            LaneUpdate.Apply(c + 7 * ldc, new Lanes512(c70), la, beta);
            LaneUpdate.Apply(c + 7 * ldc + 16, new Lanes512(c71), la, beta);
        }

        if (TRows.Count > 8)
        {
            LaneUpdate.Apply(c + 8 * ldc, new Lanes512(c80), la, beta);
            LaneUpdate.Apply(c + 8 * ldc + 16, new Lanes512(c81), la, beta);
        }

        if (TRows.Count > 9)
        {
            LaneUpdate.Apply(c + 9 * ldc, new Lanes512(c90), la, beta);
            LaneUpdate.Apply(c + 9 * ldc + 16, new Lanes512(c91), la, beta);
        }

        if (TRows.Count > 10)
        {
            LaneUpdate.Apply(c + 10 * ldc, new Lanes512(c100), la, beta);
            LaneUpdate.Apply(c + 10 * ldc + 16, new Lanes512(c101), la, beta);
        }

        if (TRows.Count > 11)
        {
            LaneUpdate.Apply(c + 11 * ldc, new Lanes512(c110), la, beta);
            LaneUpdate.Apply(c + 11 * ldc + 16, new Lanes512(c111), la, beta);
        }
    }
}
