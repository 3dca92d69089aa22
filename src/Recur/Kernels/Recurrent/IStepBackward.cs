namespace Recur.Kernels.Recurrent;

/// <summary>A cell's part of the backward sweep (<see cref="SequenceSteps.BackwardSweep"/>); the sweep owns order, masks and output gradients.</summary>
internal interface IStepBackward
{
    /// <summary>
    /// A valid row <paramref name="b"/> at stacked row <paramref name="r"/> (<c>b·T + t</c>): consume the total gradient of the new
    /// <c>h</c> in <paramref name="dh"/>, write the row's gate gradients and set <paramref name="dhPrev"/> to the part of
    /// dh_{t−1} that does not go through the recurrent kernel.
    /// </summary>
    void Row(int b, int r, ReadOnlySpan<float> dh, Span<float> dhPrev);

    /// <summary>After every row of input time <paramref name="t"/>: add the recurrent-kernel paths into <paramref name="dhPrev"/> [B, H].</summary>
    void Recurrent(int t, Span<float> dhPrev);
}
