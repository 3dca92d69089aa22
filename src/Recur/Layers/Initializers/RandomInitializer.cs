using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Base of the initializers that draw random values. Keras: <c>keras.initializers.RandomInitializer</c>.
/// </summary>
/// <remarks>
/// Keras 3 seed semantics: without a seed the constructor draws one, so the same object returns the same values on
/// every call while separately constructed objects differ; an explicit seed makes the values reproducible. The config
/// keeps the seed as given (<c>null</c> when none was).
/// </remarks>
public abstract class RandomInitializer : Initializer
{
    private readonly long _streamSeed;

    protected RandomInitializer(int? seed)
    {
        Seed = seed;
        // The only use of a shared generator: picking the seed. Generation itself is deterministic from here on.
        _streamSeed = seed ?? RandomSeed.Next();
    }

    /// <summary>The seed as given to the constructor (null: one was drawn at construction).</summary>
    public int? Seed { get; }

    /// <summary>A fresh stream from this initializer's seed: every call of <see cref="Initializer.Generate"/> starts the same way.</summary>
    private protected InitializerRandom NewStream() => new(_streamSeed);

    public override JsonObject GetConfig() => new() { ["seed"] = Seed };
}
