namespace Recur.Kernels;

/// <summary>
/// Register-tile and cache-block sizes of the blocked SGEMM. They depend on the problem shape only, never on the
/// thread count or SIMD level, so every path sums each output element in the same order.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Rows of C per register tile (broadcast operand A).</summary>
    public const int MR = 12;

    /// <summary>Columns of C per register tile (vector operand B); also the panel width of packed B.</summary>
    public const int NR = 32;

    /// <summary>Largest k block: an MR x KC panel of A stays in L1 while a KC x NR panel of B streams from L2.</summary>
    public const int KCMax = 384;

    /// <summary>Columns of B per packed block: KC x NC floats sized to stay in the 1 MiB L2.</summary>
    public const int NC = 512;

    /// <summary>The k block length for a given k: the k range split into equal blocks no longer than KCMax.</summary>
    public static int KBlock(int k)
    {
        if (k <= KCMax)
            return Math.Max(k, 1);
        int blocks = (k + KCMax - 1) / KCMax;
        int kc = (k + blocks - 1) / blocks;
        return (kc + 7) & ~7;
    }

    /// <summary>Rounds n up to a whole number of NR-wide panels.</summary>
    public static int RoundUpToPanels(int n) => (n + NR - 1) / NR * NR;
}
