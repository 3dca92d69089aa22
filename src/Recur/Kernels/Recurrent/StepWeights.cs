namespace Recur.Kernels.Recurrent;

/// <summary>
/// A recurrent weight operand op(B) [k, n] that every time step multiplies by: packed once per call
/// (<see cref="Gemm.PackB"/>) and multiplied with <see cref="Gemm.SgemmPacked"/>, which skips re-packing B at each step
/// and gives the same bits as <see cref="Gemm.Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>.
/// Products too small for packing to pay keep the plain call.
/// </summary>
internal readonly ref struct StepWeights
{
    private readonly ReadOnlySpan<float> _b;
    private readonly Span<float> _packed;
    private readonly int _ldb, _k, _n;
    private readonly bool _transB, _usePacked;

    /// <summary>Floats of scratch <paramref name="m"/>-row products with op(B) [k, n] need.</summary>
    public static int ScratchSize(int m, int k, int n) => m > 0 && k > 0 && n > 0 && Gemm.PackingPays(m, n, k) ? Gemm.PackedSize(k, n) : 0;

    /// <summary>op(B) [k, n] for products of <paramref name="m"/> rows: <paramref name="b"/> stored [k, n], or [n, k] when
    /// <paramref name="transB"/>, leading dimension <paramref name="ldb"/>; <paramref name="scratch"/> holds at least
    /// <see cref="ScratchSize"/> floats for the packed copy.</summary>
    public StepWeights(bool transB, int m, int k, int n, ReadOnlySpan<float> b, int ldb, Span<float> scratch)
    {
        _b = b;
        (_ldb, _k, _n, _transB) = (ldb, k, n, transB);
        int size = ScratchSize(m, k, n);
        _usePacked = size > 0;
        if (_usePacked)
        {
            _packed = scratch[..size];
            Gemm.PackB(transB, k, n, b, ldb, _packed);
        }
    }

    /// <summary><c>C[m, n] = A[m, k] · op(B) + beta · C</c>.</summary>
    public void Multiply(int m, ReadOnlySpan<float> a, int lda, float beta, Span<float> c, int ldc, int maxThreads)
    {
        if (_usePacked) Gemm.SgemmPacked(m, _n, _k, 1f, a, lda, false, _packed, beta, c, ldc, maxThreads);
        else Gemm.Sgemm(false, _transB, m, _n, _k, 1f, a, lda, _b, _ldb, beta, c, ldc, maxThreads);
    }
}
