namespace Recur;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output. Returns one entry per input
/// (null where an input gets no gradient). Must not mutate <paramref name="gradOutput"/>; may return it.
/// </summary>
internal delegate Tensor?[] BackwardFn(GradNode node, Tensor gradOutput);

/// <summary>One recorded op in the gradient graph: its inputs, its output and how to differentiate it.</summary>
internal sealed class GradNode(string op, Tensor[] inputs, Tensor output, BackwardFn backward, object? saved)
{
    public string Op { get; } = op;
    public Tensor[] Inputs { get; } = inputs;
    public Tensor Output { get; } = output;
    public BackwardFn Backward { get; } = backward;

    /// <summary>Whatever the forward kept for the backward (a cache, axes, masks).</summary>
    public object? Saved { get; } = saved;
}
