namespace Recur.Layers;

/// <summary>How <see cref="Bidirectional"/> combines the forward and backward outputs. Keras: <c>merge_mode</c>.</summary>
public enum MergeMode
{
    /// <summary>Concatenates along the last axis, forward features first.</summary>
    [KerasName("concat")] Concat,

    /// <summary>Element-wise sum.</summary>
    [KerasName("sum")] Sum,

    /// <summary>Element-wise product.</summary>
    [KerasName("mul")] Multiply,

    /// <summary>Element-wise mean, <c>(forward + backward) / 2</c>.</summary>
    [KerasName("ave")] Average,

    /// <summary>No merge: both outputs are returned (Python <c>None</c>).</summary>
    [KerasName(null)] None,
}
