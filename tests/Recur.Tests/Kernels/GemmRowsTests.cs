using Recur.Kernels;

namespace Recur.Tests.Kernels;

/// <summary><see cref="Gemm.SgemmRows"/>: the product on a selection of A's rows equals Sgemm on the gathered copy, bit for bit.</summary>
public class GemmRowsTests
{
    [Theory]
    [InlineData(false, 1, 70, 33)]
    [InlineData(false, 13, 128, 100)]
    [InlineData(false, 131, 96, 17)]
    [InlineData(false, 40, 33, 400)]   // two k blocks
    [InlineData(true, 100, 128, 131)]
    [InlineData(true, 7, 65, 1)]
    [InlineData(true, 12, 31, 420)]
    [InlineData(false, 3, 20, 30)]     // Sgemm takes its naive path for these
    [InlineData(true, 5, 10, 30)]
    [InlineData(true, 131, 40, 50)]    // transposed, M split between the two cores
    [InlineData(false, 1, 33, 900)]    // Sgemm takes its single-row path; three k blocks
    [InlineData(true, 1, 33, 900)]
    public void MatchesSgemmOnTheGatheredRows(bool transA, int m, int n, int k)
    {
        var rng = new Random(m * 31 + n * 7 + k);
        int width = transA ? m : k, stored = transA ? k : m, lda = width + 3, source = stored * 2 + 5;
        var a = Random(rng, source * lda);
        // A shuffled selection with repeats allowed: rows gathered in any order.
        int[] rows = [.. Enumerable.Range(0, stored).Select(_ => rng.Next(source))];
        var gathered = new float[stored * width];
        for (int r = 0; r < stored; r++) a.AsSpan(rows[r] * lda, width).CopyTo(gathered.AsSpan(r * width));
        var b = Random(rng, k * n);
        var c0 = Random(rng, m * n);
        foreach (float beta in new[] { 0f, 1f })
            foreach (int threads in new[] { 1, 0 })
            {
                var expected = (float[])c0.Clone();
                Gemm.Sgemm(transA, false, m, n, k, 0.5f, gathered, width, b, n, beta, expected, n, threads);
                var actual = (float[])c0.Clone();
                Gemm.SgemmRows(transA, m, n, k, 0.5f, a, lda, rows, b, n, beta, actual, n, threads);
                Assert.Equal(expected, actual);
            }
    }

    [Fact]
    public void RowsOutsideA_OrTheWrongCount_AreRejected()
    {
        var a = new float[10 * 4];
        var b = new float[4 * 3];
        var c = new float[2 * 3];
        var e = Assert.Throws<ArgumentException>(() => Gemm.SgemmRows(false, 2, 3, 4, 1f, a, 4, [0, 10], b, 3, 0f, c, 3));
        Assert.Contains("rows 0 to 9", e.Message);
        Assert.Contains("row 10", e.Message);
        Assert.Throws<ArgumentException>(() => Gemm.SgemmRows(false, 2, 3, 4, 1f, a, 4, [0, -1], b, 3, 0f, c, 3));
        Assert.Contains("2 rows", Assert.Throws<ArgumentException>(() => Gemm.SgemmRows(false, 2, 3, 4, 1f, a, 4, [0], b, 3, 0f, c, 3)).Message);
        Assert.Contains("4 rows", Assert.Throws<ArgumentException>(() => Gemm.SgemmRows(true, 2, 3, 4, 1f, a, 4, [0, 1], b, 3, 0f, c, 3)).Message);
    }

    private static float[] Random(Random rng, int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
}
