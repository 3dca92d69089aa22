namespace Recur;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output. Returns one entry per input
/// (null where an input gets no gradient). Must not mutate <paramref name="gradOutput"/>; may return it.
/// </summary>
internal delegate Tensor?[] BackwardFn(GradNode node, Tensor gradOutput);

/// <summary>
/// The backward of an op with several outputs: <paramref name="gradOutputs"/> has one entry per output, null for an output
/// no gradient reached. Runs once per backward pass, after every consumer of every output. Must not mutate the gradients.
/// </summary>
internal delegate Tensor?[] MultiBackwardFn(GradNode node, Tensor?[] gradOutputs);

/// <summary>One recorded op in the gradient graph: its inputs, its output(s) and how to differentiate it.</summary>
internal sealed class GradNode
{
    public GradNode(string op, Tensor[] inputs, Tensor output, BackwardFn backward, object? saved)
    {
        (Op, Inputs, Outputs, Backward, Saved) = (op, inputs, [output], backward, saved);
    }

    public GradNode(string op, Tensor[] inputs, Tensor[] outputs, MultiBackwardFn backward, object? saved)
    {
        (Op, Inputs, Outputs, MultiBackward, Saved) = (op, inputs, outputs, backward, saved);
    }

    public string Op { get; }
    public Tensor[] Inputs { get; }

    /// <summary>The first (for most ops the only) output.</summary>
    public Tensor Output => Outputs[0];

    /// <summary>Every output; more than one only for nodes recorded with <see cref="Autograd.RecordMany"/>.</summary>
    public Tensor[] Outputs { get; }

    /// <summary>The backward of a single-output op; null for a multi-output one.</summary>
    public BackwardFn? Backward { get; }

    /// <summary>The backward of a multi-output op; null for a single-output one.</summary>
    public MultiBackwardFn? MultiBackward { get; }

    /// <summary>Whatever the forward kept for the backward (a cache, axes, masks).</summary>
    public object? Saved { get; }
}
