namespace Recur.Layers;

/// <summary>
/// What <see cref="Layer"/>s must offer to be wrapped by <c>Bidirectional</c> (Keras's documented criteria): they process
/// <c>[B, T, …]</c> sequences, expose the four flags, have an <see cref="Layer.InputSpec"/>, and round-trip their config
/// (which must contain <c>go_backwards</c>) through <see cref="KerasSerializer"/>.
/// </summary>
public interface ISequenceLayer
{
    /// <summary>Processes the sequence from the last step to the first (and returns it in that order).</summary>
    bool GoBackwards { get; }

    /// <summary>Returns the whole output sequence rather than the last output.</summary>
    bool ReturnSequences { get; }

    /// <summary>Returns the final states after the output.</summary>
    bool ReturnState { get; }

    /// <summary>Keeps the final states as the next call's initial states.</summary>
    bool Stateful { get; }

    /// <summary>Keras's <c>zero_output_for_mask</c>, or null for a layer without that attribute (Bidirectional then leaves it alone).</summary>
    bool? ZeroOutputForMask { get; set; }

    /// <summary>Number of state tensors the layer returns with <see cref="ReturnState"/> (LSTM 2, GRU 1).</summary>
    int StateCount { get; }

    /// <summary>The stored states of a stateful, built layer; null otherwise.</summary>
    IReadOnlyList<Tensor>? States { get; }

    /// <summary>Sets the stored states to zeros (does nothing on a non-stateful layer, as in Keras 3).</summary>
    void ResetStates();

    /// <summary>Assigns the stored states (tf.keras <c>reset_states(states)</c>): counts and shapes are checked.</summary>
    void ResetStates(IReadOnlyList<Tensor> states);
}
