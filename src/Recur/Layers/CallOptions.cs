namespace Recur.Layers;

/// <summary>The keyword arguments of a Keras layer call besides the inputs.</summary>
public sealed record CallOptions
{
    /// <summary>Training mode (dropout active).</summary>
    public bool Training { get; init; }

    /// <summary>Mask <c>[B, T]</c> (nonzero = real step), or null.</summary>
    public Tensor? Mask { get; init; }

    /// <summary>Initial states for recurrent layers (Keras order), or null for the default.</summary>
    public IReadOnlyList<Tensor>? InitialState { get; init; }

    /// <summary>tf.keras constants passed unchanged to every cell step, or null.</summary>
    public IReadOnlyList<Tensor>? Constants { get; init; }

    public static CallOptions Default { get; } = new();
}
