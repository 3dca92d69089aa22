using Recur.Kernels.Recurrent;

namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// A Keras LSTM over a whole sequence with the fused kernel (spec §3.2, mask rule §2.5). <paramref name="x"/> <c>[B, T, D]</c>,
    /// <paramref name="kernel"/> <c>[D, 4H]</c>, <paramref name="recurrentKernel"/> <c>[H, 4H]</c>, <paramref name="bias"/> <c>[4H]</c>
    /// (gates i, f, c, o); <paramref name="h0"/>, <paramref name="c0"/> <c>[B, H]</c> (null = zeros); <paramref name="mask"/> <c>[B, T]</c>
    /// (nonzero = valid). States are <c>[h, c]</c>. Differentiable in every tensor but the mask.
    /// </summary>
    public static RecurrentResult LstmSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null,
        Tensor? h0 = null, Tensor? c0 = null, Tensor? mask = null, SequenceOptions? options = null) =>
        FusedRecurrence.Run("LstmSequence", FusedRecurrence.Cell.Lstm, x, kernel, recurrentKernel, bias, h0, c0, mask, options ?? new());
}
