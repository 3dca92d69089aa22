using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// Copies operand blocks into the layouts the register tiles read contiguously: A as MR-row panels (MR values per k),
/// B as NR-column panels (NR values per k). Missing rows and columns at the edges are zero-filled, so edge tiles run
/// the same full-size kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    private const int MR = GemmBlocking.MR, NR = GemmBlocking.NR;

    /// <summary>
    /// Packs rows [i0, i0+mr) and depths [p0, p0+kc) of op(A) into one MR x kc panel. A's stored rows are <c>lda</c> apart,
    /// or, with <paramref name="rows"/>, stored row r is row <c>rows[r]</c> of <paramref name="a"/> (a gather for free).
    /// </summary>
    public static void PackA(bool transA, float* a, nint lda, int* rows, int i0, int mr, int p0, int kc, float* dst)
    {
        if (transA)
        {
            // op(A)[i, p] = stored row p, element i: each depth is a contiguous run of mr values.
            for (int p = 0; p < kc; p++, dst += MR)
            {
                float* src = Row(a, lda, rows, p0 + p) + i0;
                if (mr == MR)
                {
                    Unsafe.CopyBlockUnaligned(dst, src, MR * sizeof(float));
                    continue;
                }

                int r = 0;
                for (; r < mr; r++)
                    dst[r] = src[r];
                for (; r < MR; r++)
                    dst[r] = 0f;
            }

            return;
        }

        // op(A)[i, p] = stored row i, element p: gather one value from each row per depth.
        float** starts = stackalloc float*[MR];
        for (int r = 0; r < mr; r++)
            starts[r] = Row(a, lda, rows, i0 + r) + p0;
        if (mr == MR)
        {
            int p = Sse.IsSupported ? Transpose4x4Blocks(starts, kc, dst) : 0;
            for (dst += p * MR; p < kc; p++, dst += MR)
            {
                for (int r = 0; r < MR; r++)
                    dst[r] = starts[r][p];
            }

            return;
        }

        for (int p = 0; p < kc; p++, dst += MR)
        {
            int r = 0;
            for (; r < mr; r++)
                dst[r] = starts[r][p];
            for (; r < MR; r++)
                dst[r] = 0f;
        }
    }

    private static float* Row(float* a, nint lda, int* rows, int r) => a + (rows == null ? r : rows[r]) * lda;

    // Full panels of untransposed A are transposed in 4x4 blocks of SSE registers: a quarter of the loads and
    // stores of the scalar gather. Returns the number of depths done (a multiple of 4).
    private static int Transpose4x4Blocks(float** starts, int kc, float* dst)
    {
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            float* d = dst + p * MR;
            for (int r = 0; r < MR; r += 4)
            {
                var r0 = Sse.LoadVector128(starts[r] + p);
                var r1 = Sse.LoadVector128(starts[r + 1] + p);
                var r2 = Sse.LoadVector128(starts[r + 2] + p);
                var r3 = Sse.LoadVector128(starts[r + 3] + p);
                var lo01 = Sse.UnpackLow(r0, r1);
                var lo23 = Sse.UnpackLow(r2, r3);
                var hi01 = Sse.UnpackHigh(r0, r1);
                var hi23 = Sse.UnpackHigh(r2, r3);
                Sse.Store(d + r, Sse.MoveLowToHigh(lo01, lo23));
                Sse.Store(d + MR + r, Sse.MoveHighToLow(lo23, lo01));
                Sse.Store(d + 2 * MR + r, Sse.MoveLowToHigh(hi01, hi23));
                Sse.Store(d + 3 * MR + r, Sse.MoveHighToLow(hi23, hi01));
            }
        }

        return p;
    }

    /// <summary>
    /// Packs depths [p0, p0+kc) and columns [j0, j0+nc) of op(B) into NR-wide panels; panel q starts at
    /// <c>dst + q * panelStride</c> and holds NR values per depth.
    /// </summary>
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int nc, float* dst, nint panelStride)
    {
        for (int q = 0; q * NR < nc; q++)
        {
            int j = j0 + q * NR;
            int nr = Math.Min(NR, nc - q * NR);
            float* panel = dst + q * panelStride;
            if (transB)
                PackPanelTransposed(b + j * ldb + p0, ldb, kc, nr, panel);
            else
                PackPanel(b + p0 * ldb + j, ldb, kc, nr, panel);
        }
    }

    private static void PackPanel(float* src, nint ldb, int kc, int nr, float* dst)
    {
        if (nr == NR)
        {
            for (int p = 0; p < kc; p++, src += ldb, dst += NR)
                Unsafe.CopyBlockUnaligned(dst, src, NR * sizeof(float));
            return;
        }

        for (int p = 0; p < kc; p++, src += ldb, dst += NR)
        {
            int jj = 0;
            for (; jj < nr; jj++)
                dst[jj] = src[jj];
            for (; jj < NR; jj++)
                dst[jj] = 0f;
        }
    }

    // op(B)[p, j] = b[j * ldb + p]: read each stored row contiguously, scatter it down one panel column.
    private static void PackPanelTransposed(float* src, nint ldb, int kc, int nr, float* dst)
    {
        for (int jj = 0; jj < nr; jj++)
        {
            float* s = src + jj * ldb;
            float* d = dst + jj;
            for (int p = 0; p < kc; p++)
                d[p * NR] = s[p];
        }

        for (int jj = nr; jj < NR; jj++)
        {
            float* d = dst + jj;
            for (int p = 0; p < kc; p++)
                d[p * NR] = 0f;
        }
    }
}
