namespace Recur;

public sealed partial class Tensor
{
    /// <summary>The same elements under a new shape; see <see cref="Ops.Reshape"/>.</summary>
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);

    /// <summary>Axes permuted (reversed when none are given); see <see cref="Ops.Transpose"/>.</summary>
    public Tensor Transpose(params int[] permutation) => Ops.Transpose(this, permutation);
}
