namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Whether gradients flow to this tensor. Set it on leaves (weights, inputs you differentiate by);
    /// results of recorded ops have it set automatically.
    /// </summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null before the first one.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The op that produced this tensor, when it was recorded; null for leaves.</summary>
    internal GradNode? Node { get; set; }

    /// <summary>True when this tensor was produced by a recorded op.</summary>
    public bool IsLeaf => Node is null;

    /// <summary>
    /// Back-propagates from this tensor: every leaf that requires a gradient gets <c>d(this)/d(leaf)</c>
    /// added (accumulated) into its <see cref="Grad"/>. <paramref name="gradient"/> defaults to ones, which for
    /// a scalar loss is the usual seed.
    /// </summary>
    public void Backward(Tensor? gradient = null) => Backprop.Run(this, gradient);

    /// <summary>
    /// The mask a layer attached to this output (Keras's <c>_keras_mask</c>): <c>[B, T]</c>, nonzero = real step.
    /// The next layer uses it when called without an explicit mask.
    /// </summary>
    public Tensor? KerasMask { get; set; }

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;
}
