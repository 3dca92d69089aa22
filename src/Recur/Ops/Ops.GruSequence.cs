using Recur.Kernels.Recurrent;

namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// A Keras GRU over a whole sequence with the fused kernel (spec §3.3, mask rule §2.5). <paramref name="x"/> <c>[B, T, D]</c>,
    /// <paramref name="kernel"/> <c>[D, 3H]</c>, <paramref name="recurrentKernel"/> <c>[H, 3H]</c> (gates z, r, h̃);
    /// <paramref name="bias"/> <c>[2, 3H]</c> when <see cref="SequenceOptions.ResetAfter"/> (the default), else <c>[3H]</c>;
    /// <paramref name="h0"/> <c>[B, H]</c> (null = zeros); <paramref name="mask"/> <c>[B, T]</c>. States are <c>[h]</c>.
    /// </summary>
    public static RecurrentResult GruSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null,
        Tensor? h0 = null, Tensor? mask = null, SequenceOptions? options = null) =>
        FusedRecurrence.Run("GruSequence", FusedRecurrence.Cell.Gru, x, kernel, recurrentKernel, bias, h0, null, mask, options ?? new());
}
