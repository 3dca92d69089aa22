using Recur.Kernels.Recurrent;

namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// A Keras SimpleRNN over a whole sequence with the fused kernel (spec §3.1, mask rule §2.5). <paramref name="x"/> <c>[B, T, D]</c>,
    /// <paramref name="kernel"/> <c>[D, H]</c>, <paramref name="recurrentKernel"/> <c>[H, H]</c>, <paramref name="bias"/> <c>[H]</c>;
    /// <paramref name="h0"/> <c>[B, H]</c> (null = zeros); <paramref name="mask"/> <c>[B, T]</c>. States are <c>[h]</c>;
    /// only <see cref="SequenceOptions.Activation"/> applies.
    /// </summary>
    public static RecurrentResult SimpleRnnSequence(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null,
        Tensor? h0 = null, Tensor? mask = null, SequenceOptions? options = null) =>
        FusedRecurrence.Run("SimpleRnnSequence", FusedRecurrence.Cell.SimpleRnn, x, kernel, recurrentKernel, bias, h0, null, mask, options ?? new());
}
