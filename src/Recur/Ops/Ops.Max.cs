namespace Recur;

public static partial class Ops
{
    /// <summary>Maximum over <paramref name="axes"/> (negative axes count from the end); <paramref name="keepDims"/> keeps them as size 1.</summary>
    /// <remarks>
    /// NaN propagates; the maximum of an empty axis is −∞ (TensorFlow's <c>reduce_max</c>). The gradient goes to the
    /// first arg-max only (first in row-major order over the reduced axes), not split between ties.
    /// </remarks>
    public static Tensor Max(Tensor x, int[] axes, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var kept = ReducedShape(x.Dims, axes, "Max");
        var y = Broadcasting.ReduceTo<MaxReduce>(x, kept);
        if (ReferenceEquals(y, x)) y = x.Clone();
        var result = Autograd.Record("Max", y, static (n, g) => [MaxBackward(n.Inputs[0], n.Output, g)], [x]);
        return keepDims ? result : Reshape(result, Squeezed(kept, x.Dims, axes));
    }

    /// <summary>Maximum over one axis.</summary>
    public static Tensor Max(Tensor x, int axis, bool keepDims = false) => Max(x, [axis], keepDims);

    /// <summary>Routes each element of <paramref name="g"/> (shape of <paramref name="y"/>, reduced axes kept as 1) to the first x equal to its max.</summary>
    private static Tensor MaxBackward(Tensor x, Tensor y, Tensor g)
    {
        var dx = Tensor.Empty(x.Dims);
        if (x.Size == 0) return dx;
        var taken = new bool[y.Size];
        var sy = Broadcasting.BroadcastStrides(y.Dims, x.Rank);
        var dims = x.Dims;
        var idx = new int[x.Rank];
        var (xs, ys, gs, ds) = (x.Data, y.Data, g.Data, dx.Data);
        int off = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            // float.Equals treats NaN as equal to NaN, so a NaN maximum still finds its source.
            if (!taken[off] && xs[i].Equals(ys[off]))
            {
                taken[off] = true;
                ds[i] = gs[off];
            }
            for (int k = dims.Length - 1; k >= 0; k--)
            {
                off += sy[k];
                if (++idx[k] < dims[k]) break;
                off -= idx[k] * sy[k];
                idx[k] = 0;
            }
        }
        return dx;
    }
}
