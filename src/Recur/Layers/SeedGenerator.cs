namespace Recur.Layers;

/// <summary>
/// Deterministic random stream for dropout masks. Keras: <c>keras.random.SeedGenerator</c>; its state is one
/// non-trainable variable (not a weight), so <c>non_trainable_variables</c> counts it.
/// </summary>
/// <remarks>Streams are reproducible for a given seed in Recur; they do not reproduce Keras's random numbers (no framework's do).</remarks>
public sealed class SeedGenerator
{
    private ulong _state;

    internal SeedGenerator(int? seed, string path)
    {
        // Keras picks a random seed when none is given; an explicit seed makes every run repeat.
        ulong s = seed is int v ? (ulong)(uint)v : (ulong)RandomSeed.Next();
        _state = s * 0x9E3779B97F4A7C15UL + 1;
        State = new Variable("seed_generator_state", Tensor.Zeros(2), trainable: false, null, null) { Path = path };
        Sync();
    }

    /// <summary>The state variable (two counters), as Keras tracks it.</summary>
    public Variable State { get; }

    /// <summary>Next uniform value in [0, 1).</summary>
    public float NextUniform() => (float)((NextUInt64() >> 40) * (1.0 / (1UL << 24)));

    /// <summary>Next standard normal value (Box–Muller).</summary>
    public float NextNormal()
    {
        double u1 = 1.0 - (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        double u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>SplitMix64 step: small, fast, and statistically sound for masks.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        Sync();
        return z ^ (z >> 31);
    }

    private void Sync()
    {
        var span = State.Value.AsSpan();
        span[0] = (uint)_state;
        span[1] = (uint)(_state >> 32);
    }
}
