using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Recur;

/// <summary>The reverse pass: orders the recorded graph and runs each op's backward once, accumulating gradients.</summary>
internal static class Backprop
{
    /// <summary>A gradient in flight; <c>Owned</c> is false while it may alias a tensor an op handed back.</summary>
    private struct Pending
    {
        public Tensor Value;
        public bool Owned;
    }

    public static void Run(Tensor root, Tensor? seed)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                "Backward: the tensor does not require a gradient (no input of the ops that produced it requires one, or it was computed under Autograd.NoGrad()).");
        seed ??= Tensor.Full(1f, root.Dims);
        if (!seed.ShapeEquals(root))
            throw new ShapeMismatchException("Backward", "the gradient seed", root.Dims, seed.Dims);

        if (root.Node is null)
        {
            // Backward on a leaf: d(leaf)/d(leaf) is the seed itself.
            AccumulateLeaf(root, seed);
            return;
        }
        var order = TopologicalOrder(root);
        var pending = new Dictionary<Tensor, Pending>(ReferenceEqualityComparer.Instance) { [root] = new() { Value = seed } };

        // Reverse topological order: every consumer of a tensor runs before the tensor's own producer.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (!pending.Remove(node.Output, out var gOut)) continue;
            var grads = node.Backward(node, gOut.Value);
            for (int j = 0; j < node.Inputs.Length; j++)
            {
                var input = node.Inputs[j];
                var g = j < grads.Length ? grads[j] : null;
                if (g is null || !input.RequiresGrad) continue;
                if (!g.ShapeEquals(input))
                    throw new InvalidOperationException(
                        $"Backward of {node.Op}: gradient for input {j} has shape {Shapes.Format(g.Dims)}, the input has {Shapes.Format(input.Dims)}.");
                if (input.Node is null) AccumulateLeaf(input, g);
                else Accumulate(pending, input, g);
            }
        }
    }

    private static void Accumulate(Dictionary<Tensor, Pending> pending, Tensor target, Tensor g)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(pending, target, out bool exists);
        if (!exists)
        {
            slot = new Pending { Value = g, Owned = false };
            return;
        }
        if (!slot.Owned)
        {
            slot.Value = slot.Value.Clone();
            slot.Owned = true;
        }
        TensorPrimitives.Add(slot.Value.Span, g.Span, slot.Value.Span);
    }

    private static void AccumulateLeaf(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null) leaf.Grad = g.Clone();
        else TensorPrimitives.Add(leaf.Grad.Span, g.Span, leaf.Grad.Span);
    }

    /// <summary>Nodes reachable from <paramref name="root"/>, producers before consumers (iterative: graphs of long sequences are deep).</summary>
    private static List<GradNode> TopologicalOrder(Tensor root)
    {
        var order = new List<GradNode>();
        if (root.Node is null) return order;
        var visited = new HashSet<GradNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(GradNode Node, int Next)>();
        stack.Push((root.Node, 0));
        visited.Add(root.Node);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Length)
            {
                stack.Push((node, next + 1));
                var child = node.Inputs[next].Node;
                if (child is not null && node.Inputs[next].RequiresGrad && visited.Add(child)) stack.Push((child, 0));
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }
}
