namespace Recur.Kernels;

/// <summary>Products whose A operand is a selection of another matrix's rows, gathered while A is packed.</summary>
public static partial class Gemm
{
    /// <summary>
    /// C[m,n] = alpha * op(A) * B + beta * C where A's stored rows are rows <paramref name="aRows"/> of <paramref name="a"/>
    /// (each <paramref name="lda"/> floats apart): without <paramref name="transA"/> row i of op(A) is <c>a</c>'s row
    /// <c>aRows[i]</c> (m indices); with it, depth p of op(A) is row <c>aRows[p]</c> (k indices). The same arithmetic as <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>
    /// on the gathered rows, bit for bit, without the gathered copy.
    /// </summary>
    public static unsafe void SgemmRows(
        bool transA, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<int> aRows,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int maxThreads = 0)
    {
        const string call = nameof(SgemmRows);
        GemmArguments.CheckSizes(call, m, n, k);
        CheckThreads(call, maxThreads);
        int stored = transA ? k : m, width = transA ? m : k;
        if (aRows.Length != stored)
            throw new ArgumentException($"{call}: aRows must name {stored} rows of a ({(transA ? "k" : "m")}); received {aRows.Length}.", nameof(aRows));
        if (stored > 0 && width > 0)
        {
            GemmArguments.CheckMatrix(call, "a", nameof(lda), 1, width, lda, a.Length, "rows of [?, lda]");
            long rowsInA = (a.Length - width) / lda + 1;
            foreach (int row in aRows)
                if ((uint)row >= rowsInA)
                    throw new ArgumentException($"{call}: aRows must index rows 0 to {rowsInA - 1} of a; received row {row}.", nameof(aRows));
        }
        GemmArguments.CheckMatrix(call, "b", nameof(ldb), k, n, ldb, b.Length, "[k,n]");
        GemmArguments.CheckMatrix(call, "c", nameof(ldc), m, n, ldc, c.Length, "[m,n]");
        if (OnlyScalesC(m, n, k, alpha, beta, c, ldc))
            return;

        // Always the blocked path: the only one that packs A. For k up to one KC block it gives the naive and
        // single-row paths' bits, so the result does not depend on which path Sgemm would have taken.
        fixed (float* pa = a, pb = b, pc = c)
        fixed (int* rows = aRows)
        {
            var g = Problem(m, n, k, alpha, beta, transA, pa, lda, pc, ldc);
            g.B = pb;
            g.Ldb = ldb;
            g.ARows = rows;
            Run(g, maxThreads);
        }
    }
}
