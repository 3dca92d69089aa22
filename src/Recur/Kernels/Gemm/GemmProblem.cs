namespace Recur.Kernels;

/// <summary>One validated SGEMM call as raw pointers (the caller keeps the spans pinned for its duration).</summary>
internal unsafe struct GemmProblem
{
    public int M, N, K;
    public float Alpha, Beta;
    public bool TransA, TransB;
    public float* A, B, C;
    public nint Lda, Ldb, Ldc;

    /// <summary>B pre-packed into full-depth NR-wide panels (stride K * NR), or null to read <see cref="B"/>.</summary>
    public float* PackedB;

    /// <summary>Widest vector (bits) the kernels may use; fixed at entry so both threads agree.</summary>
    public int SimdWidth;

    /// <summary>The register tile for <see cref="SimdWidth"/>.</summary>
    public delegate*<int, float*, float*, nint, float*, nint, float, float, void> Kernel;

    /// <summary>Register tiles of 4 and 8 rows for a panel's last rows, or null to use <see cref="Kernel"/> there.</summary>
    public delegate*<int, float*, float*, nint, float*, nint, float, float, void> Kernel4, Kernel8;
}
