namespace Recur.Layers;

/// <summary>How to read a Keras model config: which Keras wrote it, and which version differences to reproduce.</summary>
/// <remarks>By default a config computes what the version that saved it computed (spec §2.8): a Keras 2 file keeps Keras 2's
/// <c>hard_sigmoid</c>, its GRUs without <c>reset_after</c> stay <c>reset_after=False</c>, and a standalone-Keras
/// <c>Bidirectional</c> repeats the previous output at masked steps.</remarks>
public sealed record KerasLoadOptions
{
    /// <summary>
    /// The saving version (<c>"2.1.6"</c>, <c>"2.2.4-tf"</c>, <c>"2.14.0"</c>, <c>"3.8.0"</c>): the HDF5 <c>keras_version</c>
    /// attribute or the <c>.keras</c> archive's <c>metadata.json</c>. When null, a <c>keras_version</c> key in the JSON is used,
    /// else the dialect is inferred from the config's shape (<see cref="KerasDialects.Infer"/>).
    /// </summary>
    public string? KerasVersion { get; init; }

    /// <summary>What <c>"hard_sigmoid"</c> means in a Keras 1/2 or tf.keras config.</summary>
    public HardSigmoidSemantics HardSigmoid { get; init; } = HardSigmoidSemantics.AsSaved;
}

/// <summary>The meaning given to <c>"hard_sigmoid"</c> when the saving version differs from Keras 3.</summary>
public enum HardSigmoidSemantics
{
    /// <summary>What the saving version computed: <c>clip(0.2x + 0.5)</c> for Keras 1/2 and tf.keras (the default).</summary>
    AsSaved,

    /// <summary>What Keras 3 computes when it loads the same file: <c>clip(x/6 + 0.5)</c> whatever the saving version.</summary>
    Keras3,
}
