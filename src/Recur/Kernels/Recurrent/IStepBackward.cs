namespace Recur.Kernels.Recurrent;

/// <summary>A cell's part of the backward sweep (<see cref="SequenceSteps.BackwardSweep"/>); the sweep owns order, masks and output gradients.</summary>
internal interface IStepBackward
{
    /// <summary>
    /// A valid slot <paramref name="slot"/> at stacked row <paramref name="r"/> (<see cref="SequenceRows.Row"/>): consume the total gradient of the new
    /// <c>h</c> in <paramref name="dh"/>, write the row's gate gradients and set <paramref name="dhPrev"/> to the part of
    /// dh_{t−1} that does not go through the recurrent kernel.
    /// </summary>
    void Row(int slot, int r, ReadOnlySpan<float> dh, Span<float> dhPrev);

    /// <summary>
    /// After every slot of input time <paramref name="t"/>: add the recurrent-kernel paths of the step's
    /// <see cref="SequenceRows.Count"/> slots into <paramref name="dhPrev"/> [B, H] (slot order).
    /// </summary>
    void Recurrent(in SequenceRows rows, int t, Span<float> dhPrev);
}
