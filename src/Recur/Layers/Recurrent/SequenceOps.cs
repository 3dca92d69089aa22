namespace Recur.Layers;

/// <summary>
/// The few differentiable sequence ops the recurrent loop needs (time steps in and out, gate blocks, masked selection).
/// </summary>
/// <remarks>
/// Internal stand-ins until the general Slice/Stack/Where ops land; they will be reconciled with those at merge.
/// </remarks>
internal static class SequenceOps
{
    /// <summary>
    /// Splits <c>x [B, T, …]</c> into its <c>T</c> steps <c>[B, …]</c>, in time order.
    /// </summary>
    /// <remarks>
    /// A per-step slice whose backward returned a full-size zero gradient would cost O(T²) in the backward pass. Instead
    /// every step shares one gradient buffer behind a private identity node: the first step to run its backward hands
    /// the buffer to the engine, later steps write their rows into it, and the identity node (which runs after all its
    /// consumers, by topological order) passes the completed buffer on and clears it for the next pass.
    /// </remarks>
    public static Tensor[] Unstack(Tensor x)
    {
        int b = x.Dims[0], t = x.Dims[1], row = x.Size / Math.Max(1, b * t);
        var stepShape = x.Dims.Where((_, i) => i != 1).ToArray();
        var shared = new SharedGrad(x.Dims);
        var hub = Autograd.Record("UnstackHub", Tensor.Wrap(x.Data, x.Dims), static (n, g) =>
        {
            ((SharedGrad)n.Saved!).Buffer = null;
            return [g];
        }, [x], shared);
        var steps = new Tensor[t];
        for (int s = 0; s < t; s++)
        {
            var y = Tensor.Empty(stepShape);
            for (int i = 0; i < b; i++)
                x.Data.AsSpan((i * t + s) * row, row).CopyTo(y.Data.AsSpan(i * row, row));
            steps[s] = Autograd.Record("TimeStep", y, static (n, g) =>
            {
                var (sh, step) = ((SharedGrad, int))n.Saved!;
                bool first = sh.Buffer is null;
                sh.Buffer ??= Tensor.Empty(sh.Shape);
                int bb = sh.Shape[0], tt = sh.Shape[1], r = g.Size / Math.Max(1, bb);
                for (int i = 0; i < bb; i++)
                    g.Data.AsSpan(i * r, r).CopyTo(sh.Buffer.Data.AsSpan((i * tt + step) * r, r));
                return [first ? sh.Buffer : null];
            }, [hub], (shared, s));
        }
        return steps;
    }

    private sealed class SharedGrad(int[] shape)
    {
        public int[] Shape { get; } = shape;
        public Tensor? Buffer { get; set; }
    }

    /// <summary>Stacks <c>T</c> tensors <c>[B, …]</c> into <c>[B, T, …]</c> (the inverse of <see cref="Unstack"/>).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> steps)
    {
        var first = steps[0].Dims;
        int b = first[0], t = steps.Count, row = steps[0].Size / Math.Max(1, b);
        var y = Tensor.Empty([b, t, .. first[1..]]);
        for (int s = 0; s < t; s++)
        {
            if (!steps[s].ShapeEquals(steps[0]))
                throw new ShapeMismatchException("Stack", "every step", first, steps[s].Dims);
            for (int i = 0; i < b; i++)
                steps[s].Data.AsSpan(i * row, row).CopyTo(y.Data.AsSpan((i * t + s) * row, row));
        }
        return Autograd.Record("StackTime", y, static (n, g) =>
        {
            var inputs = n.Inputs;
            int bb = g.Dims[0], tt = g.Dims[1], r = g.Size / Math.Max(1, bb * tt);
            var grads = new Tensor?[inputs.Length];
            for (int s = 0; s < tt; s++)
            {
                if (!inputs[s].RequiresGrad) continue;
                var d = Tensor.Empty(inputs[s].Dims);
                for (int i = 0; i < bb; i++) g.Data.AsSpan((i * tt + s) * r, r).CopyTo(d.Data.AsSpan(i * r, r));
                grads[s] = d;
            }
            return grads;
        }, steps.ToArray());
    }

    /// <summary>Columns <c>[start, start + count)</c> of the last axis (a gate block of a fused product or kernel).</summary>
    public static Tensor SliceLast(Tensor x, int start, int count)
    {
        int width = x.Dims[^1], rows = x.Size / Math.Max(1, width);
        if (start < 0 || count < 0 || start + count > width)
            throw new ArgumentOutOfRangeException(nameof(start), $"SliceLast: columns [{start}, {start + count}) are outside a last axis of {width}.");
        var y = Tensor.Empty([.. x.Dims[..^1], count]);
        for (int i = 0; i < rows; i++) x.Data.AsSpan(i * width + start, count).CopyTo(y.Data.AsSpan(i * count, count));
        return Autograd.Record("SliceLast", y, static (n, g) =>
        {
            var input = n.Inputs[0];
            int st = (int)n.Saved!, w = input.Dims[^1], c = g.Dims[^1], rs = input.Size / Math.Max(1, w);
            var d = Tensor.Empty(input.Dims);
            for (int i = 0; i < rs; i++) g.Data.AsSpan(i * c, c).CopyTo(d.Data.AsSpan(i * w + st, c));
            return [d];
        }, [x], start);
    }

    /// <summary>
    /// Row-wise choice: sample <c>i</c> of the result is <paramref name="whenTrue"/>'s row if <c>keep[i]</c>, else
    /// <paramref name="whenFalse"/>'s (masked steps). Exact, unlike <c>m·a + (1−m)·b</c> when a value is not finite.
    /// </summary>
    public static Tensor Select(bool[] keep, Tensor whenTrue, Tensor whenFalse)
    {
        if (!whenTrue.ShapeEquals(whenFalse))
            throw new ShapeMismatchException("Select", "both branches", whenTrue.Dims, whenFalse.Dims);
        if (keep.All(k => k)) return whenTrue;
        if (!keep.Any(k => k)) return whenFalse;
        int row = whenTrue.Size / Math.Max(1, keep.Length);
        var y = Tensor.Empty(whenTrue.Dims);
        for (int i = 0; i < keep.Length; i++)
            (keep[i] ? whenTrue : whenFalse).Data.AsSpan(i * row, row).CopyTo(y.Data.AsSpan(i * row, row));
        return Autograd.Record("Select", y, static (n, g) =>
        {
            var k = (bool[])n.Saved!;
            int r = g.Size / Math.Max(1, k.Length);
            var dt = Tensor.Empty(g.Dims);
            var df = Tensor.Empty(g.Dims);
            for (int i = 0; i < k.Length; i++) g.Data.AsSpan(i * r, r).CopyTo((k[i] ? dt : df).Data.AsSpan(i * r, r));
            return [dt, df];
        }, [whenTrue, whenFalse], keep);
    }
}
