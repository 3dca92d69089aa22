namespace Recur.Kernels;

/// <summary>Single-precision matrix products for the recurrent kernels (row-major, BLAS semantics).</summary>
public static partial class Gemm
{
    // Below this many multiply-adds the hand-off to the helper thread costs more than it saves.
    private const long ParallelMinWork = 1L << 17;

    // Below this many multiply-adds the plain loop beats packing and tile set-up.
    private const long TinyWork = 1L << 11;

    /// <summary>
    /// C[m,n] = alpha * op(A) * op(B) + beta * C, row-major. op(A) is [m,k] (A stored [k,m] when <paramref name="transA"/>),
    /// op(B) is [k,n] (B stored [n,k] when <paramref name="transB"/>). beta = 0 overwrites C, even NaN.
    /// Uses both cores for large products.
    /// </summary>
    public static void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, maxThreads: 0);

    /// <summary>
    /// As <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
    /// using at most <paramref name="maxThreads"/> threads (0 = automatic, 1 = the calling thread only).
    /// Results are bit-identical for every thread count.
    /// </summary>
    public static unsafe void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int maxThreads)
    {
        const string call = nameof(Sgemm);
        GemmArguments.CheckSizes(call, m, n, k);
        CheckThreads(call, maxThreads);
        GemmArguments.CheckMatrix(call, "a", nameof(lda), transA ? k : m, transA ? m : k, lda, a.Length, transA ? "[k,m]" : "[m,k]");
        GemmArguments.CheckMatrix(call, "b", nameof(ldb), transB ? n : k, transB ? k : n, ldb, b.Length, transB ? "[n,k]" : "[k,n]");
        GemmArguments.CheckMatrix(call, "c", nameof(ldc), m, n, ldc, c.Length, "[m,n]");
        if (OnlyScalesC(m, n, k, alpha, beta, c, ldc))
            return;

        if ((long)m * n * k <= TinyWork && k <= GemmBlocking.KCMax)
        {
            GemmNaive.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = Problem(m, n, k, alpha, beta, transA, pa, lda, pc, ldc);
            g.TransB = transB;
            g.B = pb;
            g.Ldb = ldb;
            Run(g, maxThreads);
        }
    }

    // Empty C, or no product to add (k = 0 or alpha = 0): C is only scaled by beta.
    private static bool OnlyScalesC(int m, int n, int k, float alpha, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0)
            return true;
        if (k != 0 && alpha != 0f)
            return false;
        GemmScale.Apply(m, n, beta, c, ldc);
        return true;
    }

    private static void CheckThreads(string call, int maxThreads)
    {
        if (maxThreads < 0)
            throw new ArgumentException($"{call}: maxThreads must be 0 (automatic) or positive; received maxThreads = {maxThreads}.", nameof(maxThreads));
    }

    private static unsafe GemmProblem Problem(int m, int n, int k, float alpha, float beta, bool transA, float* a, int lda, float* c, int ldc)
    {
        int width = Simd.Use512 ? 512 : Simd.Use256 ? 256 : 0;
        return new GemmProblem
        {
            M = m, N = n, K = k, Alpha = alpha, Beta = beta,
            TransA = transA, A = a, Lda = lda, C = c, Ldc = ldc,
            SimdWidth = width,
            Kernel = width == 512 ? &MicroKernel512.Run<TileRows.Full> : width == 256 ? &MicroKernel256.Run : &MicroKernelScalar.Run,
            RowTiles = width == 512,
        };
    }

    // Splits C into two deterministic rectangles (whole register tiles), so each element is computed by exactly one
    // thread in the same order as on one thread.
    private static unsafe void Run(in GemmProblem g, int maxThreads)
    {
        bool rowPath = g.M == 1 && (!g.TransB || g.PackedB != null) && g.ARows == null;
        int threads = maxThreads == 1 || (long)g.M * g.N * g.K < ParallelMinWork ? 1 : Parallelism.MaxWorkers;
        var split = new SplitBody { G = g, RowPath = rowPath };
        if (threads >= 2)
        {
            int nTiles = (g.N + GemmBlocking.NR - 1) / GemmBlocking.NR;
            int mTiles = (g.M + GemmBlocking.MR - 1) / GemmBlocking.MR;
            if (g.N >= g.M && nTiles >= 2)
                split.SplitN = (nTiles + 1) / 2 * GemmBlocking.NR;
            else if (!rowPath && mTiles >= 2)
                split.SplitM = (mTiles + 1) / 2 * GemmBlocking.MR;
            else
                threads = 1;
        }

        if (threads >= 2)
            Parallelism.Run2(split);
        else
            split.Run(-1);
    }

    /// <summary>Part 0 computes the leading half of the split dimension, part 1 the rest; part -1 everything.</summary>
    private struct SplitBody : IForkJoinBody
    {
        public GemmProblem G;
        public bool RowPath;
        public int SplitM, SplitN; // 0 = that dimension is not split

        public readonly void Run(int part)
        {
            int m0 = 0, m1 = G.M, n0 = 0, n1 = G.N;
            if (part >= 0 && SplitM > 0)
                (m0, m1) = part == 0 ? (0, SplitM) : (SplitM, G.M);
            if (part >= 0 && SplitN > 0)
                (n0, n1) = part == 0 ? (0, SplitN) : (SplitN, G.N);
            if (RowPath)
                GemmRow.Compute(G, n0, n1);
            else
                GemmBlocked.Compute(G, m0, m1, n0, n1);
        }
    }
}
