using Recur.Kernels;

namespace Recur.Tests.Kernels;

/// <summary>The tanh kernel against double-precision Math.Tanh, in ulps, at every SIMD level and every length.</summary>
[Collection("Simd")]
public sealed class AccurateTanhTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(0)]
    public void WithinThreeUlpsOfCorrectlyRounded(int width)
    {
        int saved = Simd.MaxWidth;
        try
        {
            Simd.MaxWidth = width;
            var rng = new Random(5);
            foreach (var (lo, hi) in new[] { (1e-30, 1e-6), (1e-6, 1e-3), (1e-3, 0.55), (0.5, 0.6), (0.55, 5.0), (5.0, 40.0) })
            {
                var xs = new float[4099];
                for (int i = 0; i < xs.Length; i++)
                    xs[i] = (float)(Math.Exp(Math.Log(lo) + rng.NextDouble() * (Math.Log(hi) - Math.Log(lo))) * (i % 2 == 0 ? 1 : -1));
                var ys = new float[xs.Length];
                AccurateTanh.Apply(xs, ys);
                for (int i = 0; i < xs.Length; i++)
                {
                    float expected = (float)Math.Tanh(xs[i]);
                    int ulps = Math.Abs(BitConverter.SingleToInt32Bits(ys[i]) - BitConverter.SingleToInt32Bits(expected));
                    Assert.True(ulps <= 3, $"tanh({xs[i]:R}) = {ys[i]:R}, correctly rounded {expected:R}: {ulps} ulps (width {width})");
                }
            }
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }

    [Fact]
    public void SpecialValues_AndEveryLength()
    {
        float[] special = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 100f, -100f, float.Epsilon];
        var y = new float[special.Length];
        AccurateTanh.Apply(special, y);
        Assert.Equal([0f, -0f, float.NaN, 1f, -1f, 1f, -1f, float.Epsilon], y);
        Assert.True(float.IsNegative(y[1]));
        for (int n = 0; n <= 70; n++)
        {
            var x = Enumerable.Range(0, n).Select(i => (i - 35) * 0.07f).ToArray();
            var dst = new float[n + 1];
            dst[n] = 42f;                                   // canary past the end
            AccurateTanh.Apply(x, dst.AsSpan(0, n));
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(BitConverter.SingleToInt32Bits(dst[i]) - BitConverter.SingleToInt32Bits((float)Math.Tanh(x[i]))) <= 3,
                    $"length {n}, element {i}: tanh({x[i]:R}) = {dst[i]:R}");
            Assert.Equal(42f, dst[n]);
        }
    }
}
