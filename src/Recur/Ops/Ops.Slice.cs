namespace Recur;

public static partial class Ops
{
    /// <summary>A copy of <c>[start, start + length)</c> along <paramref name="axis"/> (negative counts from the end).</summary>
    /// <remarks>Backward writes the gradient into that range of a zero tensor of the input's shape.</remarks>
    public static Tensor Slice(Tensor x, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = Shapes.Axis(axis, x.Rank, "Slice");
        var (outer, n, inner) = Shapes.AroundAxis(x.Dims, a);
        if (start < 0 || length < 0 || start > n - length)
            throw new ShapeMismatchException(
                $"Slice: expected 0 <= start, 0 <= length and start + length <= {n} on axis {axis} of shape {Shapes.Format(x.Dims)}; received start {start}, length {length}.");
        var dims = x.Dims.ToArray();
        dims[a] = length;
        var y = Tensor.Empty(dims);
        CopyAlongAxis(x.Data, n, start, y.Data, length, 0, length, outer, inner);
        return Autograd.Record("Slice", y, static (node, g) =>
        {
            var x = node.Inputs[0];
            var (a, start) = ((int, int))node.Saved!;
            var (outer, n, inner) = Shapes.AroundAxis(x.Dims, a);
            var dx = Tensor.Empty(x.Dims);
            int length = g.Dims[a];
            CopyAlongAxis(g.Data, length, 0, dx.Data, n, start, length, outer, inner);
            return [dx];
        }, [x], (a, start));
    }

    /// <summary>Splits along <paramref name="axis"/> into <paramref name="parts"/> equal pieces, each differentiable.</summary>
    public static Tensor[] Split(Tensor x, int axis, int parts)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Dims[Shapes.Axis(axis, x.Rank, "Split")];
        if (parts <= 0 || n % parts != 0)
            throw new ShapeMismatchException(
                $"Split: expected axis {axis} of shape {Shapes.Format(x.Dims)} to divide into equal parts; received {parts} parts for size {n}.");
        var sizes = new int[parts];
        Array.Fill(sizes, n / parts);
        return Split(x, axis, sizes);
    }

    /// <summary>Splits along <paramref name="axis"/> into pieces of the given sizes (summing to the axis size), each differentiable.</summary>
    public static Tensor[] Split(Tensor x, int axis, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(sizes);
        int n = x.Dims[Shapes.Axis(axis, x.Rank, "Split")];
        long total = 0;
        bool negative = false;
        foreach (int s in sizes) { total += s; negative |= s < 0; }
        if (negative || total != n)
            throw new ShapeMismatchException(
                $"Split: expected non-negative sizes summing to {n} (axis {axis} of shape {Shapes.Format(x.Dims)}); received {Shapes.Format(sizes)}.");
        var result = new Tensor[sizes.Length];
        for (int i = 0, start = 0; i < sizes.Length; start += sizes[i++]) result[i] = Slice(x, axis, start, sizes[i]);
        return result;
    }

    /// <summary>
    /// For each of <paramref name="outer"/> blocks, copies <paramref name="length"/>·<paramref name="inner"/> elements from
    /// position <paramref name="srcStart"/> of a source axis of size <paramref name="srcN"/> to position
    /// <paramref name="dstStart"/> of a destination axis of size <paramref name="dstN"/>.
    /// </summary>
    private static void CopyAlongAxis(float[] src, int srcN, int srcStart, float[] dst, int dstN, int dstStart, int length, int outer, int inner)
    {
        int count = length * inner;
        if (count == 0) return;
        for (int o = 0; o < outer; o++)
            src.AsSpan((o * srcN + srcStart) * inner, count).CopyTo(dst.AsSpan((o * dstN + dstStart) * inner, count));
    }
}
