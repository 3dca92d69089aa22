namespace Recur.Kernels;

/// <summary>One validated SGEMM call as raw pointers (the caller keeps the spans pinned for its duration).</summary>
internal unsafe struct GemmProblem
{
    public int M, N, K;
    public float Alpha, Beta;
    public bool TransA, TransB;
    public float* A, B, C;
    public nint Lda, Ldb, Ldc;

    /// <summary>Which rows of <see cref="A"/> (<see cref="Lda"/> apart) are A's stored rows, or null for rows 0, 1, ….
    /// Only the blocked path reads it.</summary>
    public int* ARows;

    /// <summary>B pre-packed into full-depth NR-wide panels (stride K * NR), or null to read <see cref="B"/>.</summary>
    public float* PackedB;

    /// <summary>Widest vector (bits) the kernels may use; fixed at entry so both threads agree.</summary>
    public int SimdWidth;

    /// <summary>The register tile for <see cref="SimdWidth"/>.</summary>
    public delegate*<int, float*, float*, nint, float*, nint, float, float, void> Kernel;

    /// <summary>True when a panel's last rows run a tile of exactly that many rows (<see cref="MicroKernel512.ForRows"/>);
    /// false: <see cref="Kernel"/> on a scratch tile.</summary>
    public bool RowTiles;
}
