namespace Recur.Layers;

/// <summary>
/// The two differentiable ops <see cref="Bidirectional"/> needs: a time flip and a feature concatenation.
/// </summary>
/// <remarks>Minimal internal versions until the general <c>Ops.Reverse</c>/<c>Ops.Concat</c> land; each keeps its
/// backward next to its forward.</remarks>
internal static class DirectionOps
{
    /// <summary>Flips <c>[B, T, …]</c> along the time axis (axis 1); its own backward is the same flip.</summary>
    public static Tensor ReverseTime(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 2)
            throw new ShapeMismatchException($"ReverseTime: expected a sequence [B, T, …] of rank 2 or more; received shape {Shapes.Format(x.Dims)}.");
        return Autograd.Record("ReverseTime", Flip(x), static (_, g) => [Flip(g)], [x]);
    }

    private static Tensor Flip(Tensor x)
    {
        int batch = x.Dims[0], steps = x.Dims[1], row = steps == 0 ? 0 : x.Size / (batch * steps);
        var y = Tensor.Empty(x.Dims);
        var src = x.Data;
        var dst = y.Data;
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                Array.Copy(src, (b * steps + t) * row, dst, (b * steps + steps - 1 - t) * row, row);
        return y;
    }

    /// <summary>Concatenates two tensors along the last axis (<c>a</c>'s features first); other dimensions must agree.</summary>
    public static Tensor ConcatLast(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || a.Rank != b.Rank || !a.Dims.AsSpan(0, a.Rank - 1).SequenceEqual(b.Dims.AsSpan(0, b.Rank - 1)))
            throw new ShapeMismatchException(
                $"ConcatLast: expected tensors that differ at most in the last dimension; received {Shapes.Format(a.Dims)} and {Shapes.Format(b.Dims)}.");
        int na = a.Dims[^1], nb = b.Dims[^1], rows = na + nb == 0 ? 0 : (a.Size + b.Size) / (na + nb);
        var shape = (int[])a.Dims.Clone();
        shape[^1] = na + nb;
        var y = Tensor.Empty(shape);
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(a.Data, r * na, y.Data, r * (na + nb), na);
            Array.Copy(b.Data, r * nb, y.Data, r * (na + nb) + na, nb);
        }
        return Autograd.Record("ConcatLast", y, static (n, g) => SplitLast(g, n.Inputs[0].Dims, n.Inputs[1].Dims), [a, b]);
    }

    private static Tensor?[] SplitLast(Tensor g, int[] aShape, int[] bShape)
    {
        var ga = Tensor.Empty(aShape);
        var gb = Tensor.Empty(bShape);
        int na = aShape[^1], nb = bShape[^1], rows = na + nb == 0 ? 0 : g.Size / (na + nb);
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(g.Data, r * (na + nb), ga.Data, r * na, na);
            Array.Copy(g.Data, r * (na + nb) + na, gb.Data, r * nb, nb);
        }
        return [ga, gb];
    }
}
