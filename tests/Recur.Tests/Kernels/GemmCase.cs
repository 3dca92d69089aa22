using Recur.Kernels;

namespace Recur.Tests.Kernels;

/// <summary>
/// One SGEMM scenario with padded leading dimensions and canary values around C, run through the fast entry points
/// and checked against <see cref="GemmNaive"/>.
/// </summary>
internal sealed record GemmCase(bool TransA, bool TransB, int M, int N, int K, float Alpha, float Beta, int Pad = 0)
{
    private const float Canary = -12345.5f;
    private const int Front = 7, Back = 9;

    public int Lda => Math.Max(1, TransA ? M : K) + Pad;
    public int Ldb => Math.Max(1, TransB ? K : N) + Pad;
    public int Ldc => Math.Max(1, N) + Pad;

    private static int Length(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

    public int ALength => Length(TransA ? K : M, TransA ? M : K, Lda);
    public int BLength => Length(TransB ? N : K, TransB ? K : N, Ldb);
    public int CLength => Length(M, N, Ldc);

    public float[] MakeA(int seed = 1) => Random(ALength, seed);
    public float[] MakeB(int seed = 2) => Random(BLength, seed);

    /// <summary>C's storage: canaries before, between rows (padding) and after; the region itself random or NaN.</summary>
    public float[] MakeC(int seed = 3, bool nan = false)
    {
        var c = new float[Front + CLength + Back];
        Array.Fill(c, Canary);
        var rnd = new Random(seed);
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
                c[Front + i * Ldc + j] = nan ? float.NaN : (float)(rnd.NextDouble() * 2 - 1);
        return c;
    }

    public static Span<float> Region(float[] storage, int length) => storage.AsSpan(Front, length);

    /// <summary>Runs the fast path (plain or packed B) on a copy of <paramref name="c0"/> and returns the storage.</summary>
    public float[] RunFast(float[] a, float[] b, float[] c0, int maxThreads = 0, bool packed = false)
    {
        var c = (float[])c0.Clone();
        if (packed)
        {
            var pb = new float[Gemm.PackedSize(K, N)];
            Gemm.PackB(TransB, K, N, b, Ldb, pb);
            Gemm.SgemmPacked(M, N, K, Alpha, a, Lda, TransA, pb, Beta, Region(c, CLength), Ldc, maxThreads);
        }
        else
        {
            Gemm.Sgemm(TransA, TransB, M, N, K, Alpha, a, Lda, b, Ldb, Beta, Region(c, CLength), Ldc, maxThreads);
        }

        return c;
    }

    /// <summary>Checks the fast result against the naive oracle and that nothing outside C's region changed.</summary>
    public void Verify(float[] a, float[] b, float[] c0, float[] actual)
    {
        var expected = (float[])c0.Clone();
        GemmNaive.Sgemm(TransA, TransB, M, N, K, Alpha, a, Lda, b, Ldb, Beta, Region(expected, CLength), Ldc);
        for (int idx = 0; idx < actual.Length; idx++)
        {
            int rel = idx - Front;
            int i = rel >= 0 ? rel / Ldc : -1, j = rel >= 0 ? rel % Ldc : -1;
            bool inside = rel >= 0 && i < M && j < N;
            if (!inside)
            {
                Assert.True(actual[idx] == Canary, $"{this}: canary at storage index {idx} overwritten with {actual[idx]}");
                continue;
            }

            double magnitude = Beta == 0f ? 0 : Math.Abs(Beta * c0[idx]);
            for (int p = 0; p < K; p++)
                magnitude += Math.Abs(Alpha * At(a, TransA, Lda, i, p) * At(b, !TransB, Ldb, j, p));
            double tolerance = 1e-5 * magnitude + 1e-6;
            double diff = Math.Abs((double)actual[idx] - expected[idx]);
            Assert.True(diff <= tolerance && !float.IsNaN(actual[idx]),
                $"{this}: C[{i},{j}] = {actual[idx]}, expected {expected[idx]} (tolerance {tolerance})");
        }
    }

    // Element (row, p) of op(X) where X is stored transposed when `trans` (for B, row = column index j).
    private static float At(float[] x, bool trans, int ld, int row, int p) => trans ? x[p * ld + row] : x[row * ld + p];

    /// <summary>Runs fast and naive and verifies; returns the fast result storage.</summary>
    public float[] Check(int maxThreads = 0, bool packed = false, bool nanC = false)
    {
        var a = MakeA();
        var b = MakeB();
        var c0 = MakeC(nan: nanC);
        var actual = RunFast(a, b, c0, maxThreads, packed);
        Verify(a, b, c0, actual);
        return actual;
    }

    private static float[] Random(int length, int seed)
    {
        var rnd = new Random(seed * 7919 + length);
        var x = new float[length];
        for (int i = 0; i < length; i++)
            x[i] = (float)(rnd.NextDouble() * 2 - 1);
        return x;
    }
}
