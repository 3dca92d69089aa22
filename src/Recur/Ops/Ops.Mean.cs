using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Mean of all elements, as a rank-0 tensor (NaN for an empty tensor, as in TensorFlow).</summary>
    /// <remarks><c>y = Σx / N</c>; backward <c>dx = g / N</c>.</remarks>
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Scalar(TensorPrimitives.Sum(x.AsReadOnlySpan()) / x.Size);
        return Autograd.Record("Mean", y, static (n, g) => [Tensor.Full(g.Data[0] / n.Inputs[0].Size, n.Inputs[0].Dims)], [x]);
    }

    /// <summary>Mean over <paramref name="axes"/> (negative axes count from the end); <paramref name="keepDims"/> keeps them as size 1.</summary>
    /// <remarks><c>y = Σ_axes x / N</c> with <c>N</c> the number of reduced elements; backward <c>dx = broadcast(g) / N</c>.</remarks>
    public static Tensor Mean(Tensor x, int[] axes, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var kept = ReducedShape(x.Dims, axes, "Mean");
        // Counted per reduced axis (not x.Size / y.Size) so that a zero-size axis outside the reduction does not break it.
        float count = 1;
        for (int i = 0; i < x.Rank; i++) if (IsReduced(i, axes, x.Rank)) count *= x.Dims[i];
        var y = Broadcasting.SumTo(x, kept);
        if (ReferenceEquals(y, x)) y = x.Clone();
        TensorPrimitives.Divide(y.Span, count, y.Span);
        var result = Autograd.Record("Mean", y, static (n, g) =>
        {
            var d = Broadcast(g, n.Inputs[0].Dims);
            TensorPrimitives.Divide(d.Span, (float)n.Saved!, d.Span);
            return [d];
        }, [x], count);
        return keepDims ? result : Reshape(result, Squeezed(kept, x.Dims, axes));
    }

    /// <summary>Mean over one axis.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDims = false) => Mean(x, [axis], keepDims);

    private static bool IsReduced(int axis, int[] axes, int rank)
    {
        foreach (int a in axes) if ((a < 0 ? a + rank : a) == axis) return true;
        return false;
    }
}
