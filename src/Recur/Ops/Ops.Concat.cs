namespace Recur;

public static partial class Ops
{
    /// <summary>Joins tensors along an existing <paramref name="axis"/> (negative counts from the end); all other dimensions must match.</summary>
    /// <remarks>Backward slices the gradient back into one piece per input.</remarks>
    public static Tensor Concat(IReadOnlyList<Tensor> xs, int axis)
    {
        var inputs = NonEmpty(xs, "Concat");
        var first = inputs[0].Dims;
        int a = Shapes.Axis(axis, first.Length, "Concat");
        var lengths = new int[inputs.Length];
        var dims = first.ToArray();
        dims[a] = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            var d = inputs[k].Dims;
            bool ok = d.Length == first.Length;
            for (int i = 0; ok && i < d.Length; i++) ok = i == a || d[i] == first[i];
            if (!ok)
            {
                var pattern = string.Join(", ", first.Select((v, i) => i == a ? "*" : v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                throw new ShapeMismatchException(
                    $"Concat: expected every tensor to have shape [{pattern}] except on axis {axis}; received {Shapes.Format(d)} at position {k}.");
            }
            lengths[k] = d[a];
            dims[a] += d[a];
        }
        Shapes.Validate(dims, "Concat");
        var (outer, _, inner) = Shapes.AroundAxis(dims, a);
        return Join(inputs, dims, outer, inner, lengths, "Concat");
    }

    /// <summary>Joins equally shaped tensors along a new <paramref name="axis"/> (in <c>[-rank-1, rank]</c>).</summary>
    /// <remarks>Backward hands each input its slice of the gradient.</remarks>
    public static Tensor Stack(IReadOnlyList<Tensor> xs, int axis)
    {
        var inputs = NonEmpty(xs, "Stack");
        var first = inputs[0].Dims;
        int a = Shapes.Axis(axis, first.Length + 1, "Stack");
        for (int k = 1; k < inputs.Length; k++)
            if (!inputs[k].Dims.AsSpan().SequenceEqual(first))
                throw new ShapeMismatchException(
                    $"Stack: expected every tensor to have shape {Shapes.Format(first)}; received {Shapes.Format(inputs[k].Dims)} at position {k}.");
        int[] dims = [.. first[..a], inputs.Length, .. first[a..]];
        Shapes.Validate(dims, "Stack");
        var (outer, _, inner) = Shapes.AroundAxis(dims, a);
        var lengths = new int[inputs.Length];
        Array.Fill(lengths, 1);
        return Join(inputs, dims, outer, inner, lengths, "Stack");
    }

    private static Tensor[] NonEmpty(IReadOnlyList<Tensor> xs, string op)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Count == 0) throw new ArgumentException($"{op}: expected at least one tensor; received none.", nameof(xs));
        var inputs = new Tensor[xs.Count];
        for (int k = 0; k < inputs.Length; k++)
            inputs[k] = xs[k] ?? throw new ArgumentNullException(nameof(xs), $"{op}: the tensor at position {k} is null.");
        return inputs;
    }

    private sealed record JoinPlan(int Outer, int Inner, int[] Lengths);

    // Every input k is viewed as [outer, lengths[k], inner] and lands at its running offset along the output axis.
    private static Tensor Join(Tensor[] inputs, int[] dims, int outer, int inner, int[] lengths, string op)
    {
        var y = Tensor.Empty(dims);
        int total = 0;
        foreach (int l in lengths) total += l;
        for (int k = 0, off = 0; k < inputs.Length; off += lengths[k++])
            CopyAlongAxis(inputs[k].Data, lengths[k], 0, y.Data, total, off, lengths[k], outer, inner);
        return Autograd.Record(op, y, static (node, g) =>
        {
            var plan = (JoinPlan)node.Saved!;
            int total = 0;
            foreach (int l in plan.Lengths) total += l;
            var grads = new Tensor?[node.Inputs.Length];
            for (int k = 0, off = 0; k < grads.Length; off += plan.Lengths[k++])
            {
                if (!node.Inputs[k].RequiresGrad) continue;
                var dx = Tensor.Empty(node.Inputs[k].Dims);
                CopyAlongAxis(g.Data, total, off, dx.Data, plan.Lengths[k], 0, plan.Lengths[k], plan.Outer, plan.Inner);
                grads[k] = dx;
            }
            return grads;
        }, inputs, new JoinPlan(outer, inner, lengths));
    }
}
