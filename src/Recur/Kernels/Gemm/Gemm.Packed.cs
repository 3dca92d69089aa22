namespace Recur.Kernels;

/// <summary>Products with a B operand packed once and reused, e.g. the recurrent weights at every time step.</summary>
public static partial class Gemm
{
    /// <summary>
    /// False when <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>
    /// would take its plain-loop path for an [m,k]·[k,n] product (too small for packing to pay; the results are bit-identical either way).
    /// </summary>
    internal static bool PackingPays(int m, int n, int k) => (long)m * n * k > TinyWork || k > GemmBlocking.KCMax;

    /// <summary>Number of floats <see cref="PackB"/> writes for op(B) of shape [k, n].</summary>
    public static int PackedSize(int k, int n)
    {
        GemmArguments.CheckSizes(nameof(PackedSize), 0, n, k);
        long size = (long)k * GemmBlocking.RoundUpToPanels(n);
        if (size > Array.MaxLength)
            throw new ArgumentException($"{nameof(PackedSize)}: the packed size of a {k}x{n} matrix must fit in a span; received {size} elements.");
        return (int)size;
    }

    /// <summary>
    /// Packs op(B) ([k,n]; B stored [n,k] when <paramref name="transB"/>) into <paramref name="dest"/>, which must hold
    /// <see cref="PackedSize"/>(k, n) floats, for use with <see cref="SgemmPacked"/>. The layout is independent of the
    /// SIMD level and thread count.
    /// </summary>
    public static unsafe void PackB(bool transB, int k, int n, ReadOnlySpan<float> b, int ldb, Span<float> dest)
    {
        const string call = nameof(PackB);
        GemmArguments.CheckSizes(call, 0, n, k);
        GemmArguments.CheckMatrix(call, "b", nameof(ldb), transB ? n : k, transB ? k : n, ldb, b.Length, transB ? "[n,k]" : "[k,n]");
        int size = PackedSize(k, n);
        if (dest.Length < size)
            throw new ArgumentException($"{call}: dest must hold at least {size} floats (PackedSize({k}, {n})); received a span of {dest.Length}.", nameof(dest));
        if (k == 0 || n == 0)
            return;
        fixed (float* pb = b, pd = dest)
        {
            GemmPacking.PackB(transB, pb, ldb, 0, k, 0, n, pd, (nint)k * GemmBlocking.NR);
        }
    }

    /// <summary>
    /// C[m,n] = alpha * op(A) * B + beta * C with B pre-packed by <see cref="PackB"/> for the same k and n. Gives
    /// exactly the same result as <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>.
    /// <paramref name="maxThreads"/>: 0 = automatic, 1 = the calling thread only.
    /// </summary>
    public static unsafe void SgemmPacked(
        int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> packedB, float beta, Span<float> c, int ldc, int maxThreads = 0)
    {
        const string call = nameof(SgemmPacked);
        GemmArguments.CheckSizes(call, m, n, k);
        CheckThreads(call, maxThreads);
        GemmArguments.CheckMatrix(call, "a", nameof(lda), transA ? k : m, transA ? m : k, lda, a.Length, transA ? "[k,m]" : "[m,k]");
        GemmArguments.CheckMatrix(call, "c", nameof(ldc), m, n, ldc, c.Length, "[m,n]");
        int size = PackedSize(k, n);
        if (packedB.Length < size)
            throw new ArgumentException($"{call}: packedB must hold at least {size} floats (PackedSize({k}, {n})); received a span of {packedB.Length}.", nameof(packedB));
        if (OnlyScalesC(m, n, k, alpha, beta, c, ldc))
            return;

        fixed (float* pa = a, pp = packedB, pc = c)
        {
            var g = Problem(m, n, k, alpha, beta, transA, pa, lda, pc, ldc);
            g.PackedB = pp;
            Run(g, maxThreads);
        }
    }
}
