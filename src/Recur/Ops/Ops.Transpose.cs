namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// Permutes the axes: output axis <c>i</c> is input axis <c>permutation[i]</c> (negative entries count from the end).
    /// With no permutation the axes are reversed (a matrix transpose for rank 2). Copies.
    /// </summary>
    /// <remarks>Backward transposes the gradient by the inverse permutation.</remarks>
    public static Tensor Transpose(Tensor x, params int[] permutation)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(permutation);
        int rank = x.Rank;
        var perm = new int[rank];
        if (permutation.Length == 0)
            for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        else
        {
            var seen = new bool[rank];
            bool ok = permutation.Length == rank;
            for (int i = 0; ok && i < rank; i++)
            {
                int a = permutation[i] < 0 ? permutation[i] + rank : permutation[i];
                ok = (uint)a < (uint)rank && !seen[a];
                if (ok) { seen[a] = true; perm[i] = a; }
            }
            if (!ok)
                throw new ShapeMismatchException(
                    $"Transpose: expected a permutation of the {rank} axes of shape {Shapes.Format(x.Dims)}; received {Shapes.Format(permutation)}.");
        }
        var inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return Autograd.Record("Transpose", Permute(x, perm), static (n, g) => [Permute(g, (int[])n.Saved!)], [x], inverse);
    }

    /// <summary>Copies <paramref name="x"/> with its axes permuted (validated permutation; records nothing).</summary>
    private static Tensor Permute(Tensor x, int[] perm)
    {
        int rank = x.Rank;
        var outDims = new int[rank];
        for (int i = 0; i < rank; i++) outDims[i] = x.Dims[perm[i]];
        var y = Tensor.Empty(outDims);
        if (y.Size == 0) return y;
        if (rank <= 1) { x.AsReadOnlySpan().CopyTo(y.Span); return y; }
        var inStrides = Shapes.Strides(x.Dims);
        var st = new int[rank];
        for (int i = 0; i < rank; i++) st[i] = inStrides[perm[i]];
        int inner = outDims[rank - 1], step = st[rank - 1];
        var idx = new int[rank - 1];
        var xs = x.Data; var ys = y.Data;
        int src = 0;
        for (int dst = 0; dst < ys.Length; dst += inner)
        {
            if (step == 1) xs.AsSpan(src, inner).CopyTo(ys.AsSpan(dst, inner));
            else for (int j = 0, s = src; j < inner; j++, s += step) ys[dst + j] = xs[s];
            for (int k = rank - 2; k >= 0; k--)
            {
                src += st[k];
                if (++idx[k] < outDims[k]) break;
                src -= idx[k] * st[k];
                idx[k] = 0;
            }
        }
        return y;
    }
}
