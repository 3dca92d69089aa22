namespace Recur.Kernels;

/// <summary>
/// GotoBLAS-style blocked product over one rectangle of C: B is packed per KC x NC block (L2), A per MR x KC panel
/// (L1), and each register tile sums its KC block with fused multiply-adds from zero before updating C.
/// </summary>
internal static unsafe class GemmBlocked
{
    private const int MR = GemmBlocking.MR, NR = GemmBlocking.NR, NC = GemmBlocking.NC;

    /// <summary>Up to this many rows, B is read in place (when not transposed): packing it would not pay back.</summary>
    private const int DirectBMaxRows = 4 * MR;

    /// <summary>Computes rows [m0, m1) and columns [n0, n1) of C; n0 must be a multiple of NR.</summary>
    public static void Compute(in GemmProblem g, int m0, int m1, int n0, int n1)
    {
        float* buffers = GemmBuffers.Base();
        float* aPanel = GemmBuffers.APanel(buffers);
        float* bBlock = GemmBuffers.BBlock(buffers);
        float* bEdge = GemmBuffers.BEdge(buffers);
        float* tile = GemmBuffers.Tile(buffers);
        var kernel = g.Kernel;
        int k = g.K;
        int kBlock = GemmBlocking.KBlock(k);
        bool direct = g.PackedB == null && !g.TransB && g.M <= DirectBMaxRows;

        for (int jc = n0; jc < n1; jc += NC)
        {
            int nc = Math.Min(NC, n1 - jc);
            int panels = (nc + NR - 1) / NR;
            int lastWidth = nc - (panels - 1) * NR;
            for (int pc = 0; pc < k; pc += kBlock)
            {
                int kc = Math.Min(kBlock, k - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                float* bBase;
                nint bStride, panelStride;
                if (g.PackedB != null)
                {
                    bBase = g.PackedB + (nint)(jc / NR) * k * NR + pc * NR;
                    bStride = NR;
                    panelStride = (nint)k * NR;
                }
                else if (direct)
                {
                    bBase = g.B + pc * g.Ldb + jc;
                    bStride = g.Ldb;
                    panelStride = NR;
                    // A partial last panel cannot be read in place without running past B's columns.
                    if (lastWidth < NR)
                        GemmPacking.PackB(false, g.B, g.Ldb, pc, kc, jc + (panels - 1) * NR, lastWidth, bEdge, 0);
                }
                else
                {
                    GemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, jc, nc, bBlock, (nint)kc * NR);
                    bBase = bBlock;
                    bStride = NR;
                    panelStride = (nint)kc * NR;
                }

                for (int ir = m0; ir < m1; ir += MR)
                {
                    int mr = Math.Min(MR, m1 - ir);
                    GemmPacking.PackA(g.TransA, g.A, g.Lda, g.ARows, ir, mr, pc, kc, aPanel);
                    var tileKernel = kernel;
                    int tileRows = MR;
                    if (mr < MR && g.RowTiles)
                    {
                        tileKernel = MicroKernel512.ForRows(mr);
                        tileRows = mr;
                    }
                    float* cRow = g.C + ir * g.Ldc + jc;
                    for (int q = 0; q < panels; q++)
                    {
                        float* bPanel = bBase + q * panelStride;
                        nint stride = bStride;
                        int nr = q == panels - 1 ? lastWidth : NR;
                        if (direct && nr < NR)
                        {
                            bPanel = bEdge;
                            stride = NR;
                        }

                        float* c = cRow + q * NR;
                        if (mr == tileRows && nr == NR)
                            tileKernel(kc, aPanel, bPanel, stride, c, g.Ldc, g.Alpha, beta);
                        else
                            EdgeTile(tileKernel, kc, aPanel, bPanel, stride, c, g.Ldc, mr, nr, g.Alpha, beta, tile);
                    }
                }
            }
        }
    }

    // Runs the full-size kernel on a scratch tile and copies back only the valid mr x nr corner, so edge elements
    // are computed exactly like interior ones.
    private static void EdgeTile(
        delegate*<int, float*, float*, nint, float*, nint, float, float, void> kernel,
        int kc, float* a, float* b, nint bStride, float* c, nint ldc, int mr, int nr, float alpha, float beta, float* tile)
    {
        if (beta != 0f)
        {
            for (int r = 0; r < mr; r++)
                new ReadOnlySpan<float>(c + r * ldc, nr).CopyTo(new Span<float>(tile + r * NR, nr));
        }

        kernel(kc, a, b, bStride, tile, NR, alpha, beta);
        for (int r = 0; r < mr; r++)
            new ReadOnlySpan<float>(tile + r * NR, nr).CopyTo(new Span<float>(c + r * ldc, nr));
    }
}
