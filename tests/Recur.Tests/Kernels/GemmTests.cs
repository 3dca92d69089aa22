namespace Recur.Tests.Kernels;

public class GemmTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 65, 100, 257];
    private static readonly float[] Alphas = [1f, 0.5f, -2f];
    private static readonly float[] Betas = [0f, 1f, 0.25f];

    /// <summary>Odd size triples: every size appears as m, n and k, paired with unrelated sizes.</summary>
    public static TheoryData<bool, bool, int> Sweeps()
    {
        var data = new TheoryData<bool, bool, int>();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                for (int rotation = 0; rotation < 3; rotation++)
                    data.Add(ta, tb, rotation);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void MatchesNaiveOverSizeSweep(bool transA, bool transB, int rotation)
    {
        int s = Sizes.Length;
        for (int i = 0; i < s; i++)
        {
            int m = Sizes[i], n = Sizes[(i * 5 + 3 + rotation * 4) % s], k = Sizes[(i * 3 + 7 + rotation * 2) % s];
            // Keep the oracle cheap: the 257^3 corner is covered by the blocking cases below.
            if ((long)m * n * k > 2_000_000)
                k = 17;
            float alpha = Alphas[(i + rotation) % 3], beta = Betas[(i / 3 + rotation) % 3];
            new GemmCase(transA, transB, m, n, k, alpha, beta, Pad: i % 3 == 0 ? 0 : i % 5 + 1).Check();
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatchesNaiveAcrossCacheBlocks(bool transA, bool transB)
    {
        // k beyond one KC block, n beyond one NC block, m beyond the in-place-B limit, all with ragged edges.
        new GemmCase(transA, transB, 37, 545, 801, 0.5f, 0.25f, Pad: 3).Check();
        new GemmCase(transA, transB, 13, 1100, 100, -2f, 1f, Pad: 1).Check();
        new GemmCase(transA, transB, 257, 33, 257, 1f, 0f).Check();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SingleRowProductsMatchNaive(bool transA, bool transB)
    {
        foreach (int n in new[] { 1, 15, 16, 17, 63, 64, 65, 100, 257, 1000 })
            new GemmCase(transA, transB, 1, n, 129, 0.5f, 0.25f, Pad: 2).Check();
        new GemmCase(transA, transB, 1, 300, 900, 1f, 1f).Check();
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(0.25f)]
    public void EveryAlphaBetaCombinationMatches(float beta)
    {
        foreach (float alpha in Alphas)
            new GemmCase(false, false, 31, 65, 33, alpha, beta, Pad: 2).Check();
    }

    [Fact]
    public void BetaZeroOverwritesNaN()
    {
        var result = new GemmCase(false, false, 17, 40, 20, 1f, 0f).Check(nanC: true);
        Assert.DoesNotContain(result, float.IsNaN);
        new GemmCase(true, true, 2, 3, 2, 1f, 0f).Check(nanC: true);
        new GemmCase(false, false, 1, 100, 50, 1f, 0f).Check(nanC: true);
    }

    [Fact]
    public void ZeroDepthScalesC()
    {
        new GemmCase(false, false, 5, 9, 0, 1f, 0.25f, Pad: 2).Check();
        new GemmCase(true, true, 5, 9, 0, 1f, 0f).Check(nanC: true);
        new GemmCase(false, false, 0, 9, 4, 1f, 0.25f).Check();
        new GemmCase(false, false, 9, 0, 4, 1f, 0.25f).Check();
    }

    public static TheoryData<int, int, int, bool, bool> ThreadedShapes() => new()
    {
        { 100, 300, 64, false, false },
        { 257, 65, 100, true, false },
        { 33, 1000, 50, false, true },
        { 1, 4096, 64, false, false },
        { 128, 2048, 512, false, false },
        { 600, 40, 500, true, true },
    };

    [Theory]
    [MemberData(nameof(ThreadedShapes))]
    public void ThreadCountDoesNotChangeBits(int m, int n, int k, bool transA, bool transB)
    {
        var g = new GemmCase(transA, transB, m, n, k, 0.5f, 0.25f, Pad: 1);
        var a = g.MakeA();
        var b = g.MakeB();
        var c0 = g.MakeC();
        var single = g.RunFast(a, b, c0, maxThreads: 1);
        var auto = g.RunFast(a, b, c0, maxThreads: 0);
        var two = g.RunFast(a, b, c0, maxThreads: 2);
        Assert.Equal(single, auto);
        Assert.Equal(single, two);
    }

    [Theory]
    [MemberData(nameof(ThreadedShapes))]
    public void PackedBMatchesPlainBitForBit(int m, int n, int k, bool transA, bool transB)
    {
        var g = new GemmCase(transA, transB, m, n, k, -2f, 1f, Pad: 2);
        var a = g.MakeA();
        var b = g.MakeB();
        var c0 = g.MakeC();
        var plain = g.RunFast(a, b, c0);
        var packed = g.RunFast(a, b, c0, packed: true);
        Assert.Equal(plain, packed);
        if ((long)m * n * k < 10_000_000)
            g.Verify(a, b, c0, packed);
    }

    [Fact]
    public void PackedBMatchesPlainOnSmallAndRaggedShapes()
    {
        foreach (int m in new[] { 1, 2, 13, 64 })
            foreach (int n in new[] { 1, 31, 33, 96 })
                foreach (bool tb in new[] { false, true })
                {
                    var g = new GemmCase(m % 2 == 0, tb, m, n, 37, 0.5f, 0f, Pad: 1);
                    var a = g.MakeA();
                    var b = g.MakeB();
                    var c0 = g.MakeC(nan: true);
                    Assert.Equal(g.RunFast(a, b, c0), g.RunFast(a, b, c0, packed: true));
                }
    }
}
