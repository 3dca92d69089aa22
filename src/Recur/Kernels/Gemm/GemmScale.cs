namespace Recur.Kernels;

/// <summary>C = beta * C, the whole product when k = 0 or alpha = 0 (BLAS reads neither A nor B then).</summary>
internal static class GemmScale
{
    /// <summary>Scales the m x n region; beta = 0 stores zeros so NaN or garbage in C never survives.</summary>
    public static void Apply(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f)
                row.Clear();
            else if (beta != 1f)
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }
}
