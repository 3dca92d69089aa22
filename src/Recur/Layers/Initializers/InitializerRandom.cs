namespace Recur.Layers;

/// <summary>
/// The random stream behind the random initializers: xoshiro256** seeded through SplitMix64, so one seed always gives
/// the same values. Every <see cref="Initializer.Generate"/> call starts a new stream from the initializer's seed.
/// </summary>
/// <remarks>Reproducible within Recur only; no framework reproduces another's random numbers.</remarks>
internal sealed class InitializerRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    public InitializerRandom(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A tensor of <c>minval + (maxval − minval)·U[0, 1)</c>.</summary>
    public Tensor Uniform(int[] shape, double minval, double maxval) => Fill(shape, () => minval + (maxval - minval) * NextDouble());

    /// <summary>A tensor of <c>mean + stddev·N(0, 1)</c>.</summary>
    public Tensor Normal(int[] shape, double mean, double stddev) => Fill(shape, () => mean + stddev * NextNormal());

    /// <summary>Like <see cref="Normal"/>, but a draw more than two standard deviations from the mean is drawn again.</summary>
    public Tensor TruncatedNormal(int[] shape, double mean, double stddev) => Fill(shape, () =>
    {
        double z;
        do z = NextNormal(); while (Math.Abs(z) > 2.0);
        return mean + stddev * z;
    });

    private static Tensor Fill(int[] shape, Func<double> next)
    {
        var t = Tensor.Zeros(shape);
        var span = t.AsSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (float)next();
        return t;
    }
}
