using Recur.Kernels;

namespace Recur.Tests.Kernels;

[Collection("Simd")]
public class GemmSimdLevelTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(0)]
    public void EverySimdLevelMatchesNaive(int width)
    {
        int saved = Simd.MaxWidth;
        try
        {
            Simd.MaxWidth = width;
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    new GemmCase(ta, tb, 31, 65, 17, 0.5f, 0.25f, Pad: 1).Check();
                    new GemmCase(ta, tb, 1, 100, 33, -2f, 1f).Check();
                    new GemmCase(ta, tb, 13, 33, 400, 1f, 0f).Check(nanC: true);
                    new GemmCase(ta, tb, 60, 70, 20, 1f, 1f).Check(packed: true);
                }
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }

    [Fact]
    public void EveryLastPanelRowCount_MatchesNaive_AndTheOtherLevelsBitForBit()
    {
        // m = 12q + r for every r: the AVX-512 path runs a tile of exactly r rows for the last panel, which must compute
        // those rows as a full tile would (same fused multiply-adds), with C outside them untouched.
        int saved = Simd.MaxWidth;
        try
        {
            // Up to 48 rows B is read in place; beyond, and with B transposed, it is packed per block.
            foreach (int m in Enumerable.Range(1, 25).Concat([36, 37, 47, 59, 71]))
                foreach (bool packed in new[] { false, true })
                {
                    var g = new GemmCase(m % 2 == 1, m % 4 == 3, m, 70, 33, 0.5f, m % 3 == 0 ? 0f : 0.25f, Pad: 2);
                    var a = g.MakeA();
                    var b = g.MakeB();
                    var c0 = g.MakeC();
                    Simd.MaxWidth = 512;
                    var wide = g.Check(packed: packed);
                    Simd.MaxWidth = 256;
                    Assert.Equal(g.RunFast(a, b, c0, packed: packed), wide);
                }
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }

    [Fact]
    public void SimdLevelsAgreeBitForBit()
    {
        // Every level performs the same fused multiply-adds in the same order.
        int saved = Simd.MaxWidth;
        try
        {
            var g = new GemmCase(true, false, 50, 130, 450, 0.5f, 0.25f, Pad: 3);
            var a = g.MakeA();
            var b = g.MakeB();
            var c0 = g.MakeC();
            var results = new List<float[]>();
            foreach (int width in new[] { 512, 256, 0 })
            {
                Simd.MaxWidth = width;
                results.Add(g.RunFast(a, b, c0));
                results.Add(g.RunFast(a, b, c0, packed: true));
            }

            foreach (var r in results)
                Assert.Equal(results[0], r);
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }
}
