namespace Recur.Kernels;

/// <summary>
/// Portable register tile used when SIMD is unavailable or disabled. It performs the same fused multiply-adds in
/// the same order as the vector kernels, so all SIMD levels give identical results.
/// </summary>
internal static unsafe class MicroKernelScalar
{
    /// <summary>Computes one full MR x NR tile; beta = 0 writes C without reading it.</summary>
    public static void Run(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        const int mr = GemmBlocking.MR, nr = GemmBlocking.NR;
        float* acc = stackalloc float[mr * nr];
        new Span<float>(acc, mr * nr).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < mr; r++)
            {
                float av = a[r];
                float* accRow = acc + r * nr;
                for (int j = 0; j < nr; j++)
                    accRow[j] = MathF.FusedMultiplyAdd(av, b[j], accRow[j]);
            }

            a += mr;
            b += bStride;
        }

        for (int r = 0; r < mr; r++)
        {
            float* row = c + r * ldc;
            float* accRow = acc + r * nr;
            for (int j = 0; j < nr; j++)
                row[j] = beta == 0f ? alpha * accRow[j] : MathF.FusedMultiplyAdd(alpha, accRow[j], beta * row[j]);
        }
    }
}
