namespace Recur.Kernels.Recurrent;

/// <summary>How a fused recurrent kernel runs a sequence and lays out its outputs.</summary>
public readonly record struct SequenceOptions
{
    /// <summary>Options with the Keras defaults: tanh activation, sigmoid recurrent activation, forward in time, GRU reset_after.</summary>
    public SequenceOptions() { }

    /// <summary>The <c>activation</c> slot (candidate / output non-linearity).</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Tanh;

    /// <summary>The <c>recurrent_activation</c> slot (gates); unused by SimpleRNN.</summary>
    public ActivationKind RecurrentActivation { get; init; } = ActivationKind.Sigmoid;

    /// <summary>Keras <c>go_backwards</c>: process <c>t = T−1 … 0</c>.</summary>
    public bool Reverse { get; init; }

    /// <summary>
    /// False: row <c>k</c> of the output sequence is the <c>k</c>-th processed step (Keras RNN order).
    /// True: each step is written at its input time index (what Bidirectional wants after its flip).
    /// </summary>
    public bool KeepOrder { get; init; }

    /// <summary>Keras <c>zero_output_for_mask</c>: a masked step outputs zeros instead of the previous output.</summary>
    public bool ZeroOutputForMask { get; init; }

    /// <summary>GRU only: Keras <c>reset_after</c> (bias <c>[2, 3H]</c> when true, <c>[3H]</c> when false).</summary>
    public bool ResetAfter { get; init; } = true;

    /// <summary>Elements between consecutive time rows of <c>outputs</c>; 0 means <c>H</c> (a dense <c>[B, T, H]</c>).</summary>
    public int OutputTimeStride { get; init; }

    /// <summary>Column where a step's <c>H</c> values start inside its output row (e.g. <c>H</c> for the backward half of a concat).</summary>
    public int OutputOffset { get; init; }

    /// <summary>Thread cap handed to every GEMM (0 = the GEMM's default).</summary>
    public int MaxThreads { get; init; }

    /// <summary>
    /// Tests only: run a right-padded mask through the general masked path (every batch row at every step) instead of the
    /// packed one (<see cref="SequenceRows"/>), so the two can be compared.
    /// </summary>
    internal bool GeneralMaskPath { get; init; }

    internal int TimeStride(int units) => OutputTimeStride == 0 ? units : OutputTimeStride;
}
