namespace Recur.Kernels;

/// <summary>
/// The textbook triple loop with Sgemm's exact semantics: the test oracle and the path for tiny products. It uses the
/// same fused multiply-adds as the kernels, so for k up to one KC block it is bit-identical to them.
/// </summary>
internal static class GemmNaive
{
    /// <summary>C = alpha * op(A) * op(B) + beta * C, row-major, arguments assumed valid.</summary>
    public static void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (k == 0 || alpha == 0f)
        {
            GemmScale.Apply(m, n, beta, c, ldc);
            return;
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum = MathF.FusedMultiplyAdd(av, bv, sum);
                }

                ref float cij = ref c[i * ldc + j];
                cij = beta == 0f ? alpha * sum : MathF.FusedMultiplyAdd(alpha, sum, beta * cij);
            }
        }
    }
}
