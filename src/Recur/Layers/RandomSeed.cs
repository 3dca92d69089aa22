namespace Recur.Layers;

/// <summary>
/// The global seed. Keras: <c>keras.utils.set_random_seed</c>. After <see cref="Set"/>, every seed that an unseeded
/// initializer, dropout layer or <c>Fit</c> shuffle draws comes from one deterministic stream, so a whole program
/// (initialization, shuffling, dropout) repeats bit for bit.
/// </summary>
public static class RandomSeed
{
    private static readonly object Gate = new();
    private static Random? s_stream;

    /// <summary>Makes all later seed draws deterministic, starting from <paramref name="seed"/>.</summary>
    public static void Set(int seed)
    {
        lock (Gate) s_stream = new Random(seed);
    }

    /// <summary>Returns seed draws to the unseeded (random) behaviour.</summary>
    public static void Clear()
    {
        lock (Gate) s_stream = null;
    }

    /// <summary>A fresh seed: from the global stream after <see cref="Set"/>, random otherwise.</summary>
    public static long Next()
    {
        lock (Gate) return s_stream?.NextInt64() ?? Random.Shared.NextInt64();
    }
}
