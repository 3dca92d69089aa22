namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// Picks slices of <paramref name="table"/> along <paramref name="axis"/> by index (an embedding lookup for axis 0).
    /// <paramref name="indices"/> holds integral values as floats (Keras token ids arrive as float32).
    /// </summary>
    /// <remarks>
    /// Output shape: <c>table.shape[..axis] + indices.shape + table.shape[axis+1..]</c>. Backward scatter-adds the gradient
    /// into a zero tensor of the table's shape (repeated indices accumulate); <paramref name="indices"/> gets no gradient.
    /// </remarks>
    /// <exception cref="ArgumentException">An index is not an integer in <c>[0, table.shape[axis])</c>.</exception>
    public static Tensor Gather(Tensor table, Tensor indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indices);
        int a = Shapes.Axis(axis, table.Rank, "Gather");
        var (outer, n, inner) = Shapes.AroundAxis(table.Dims, a);
        var ids = new int[indices.Size];
        var src = indices.AsReadOnlySpan();
        for (int i = 0; i < ids.Length; i++)
        {
            float v = src[i];
            if (!(v >= 0 && v < n) || v != MathF.Floor(v))
                throw new ArgumentException(
                    $"Gather: index {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} at flat position {i} is {(v == MathF.Floor(v) ? "out of range" : "not an integer")}; expected an integer in [0, {n - 1}] (axis {axis} of table shape {Shapes.Format(table.Dims)}).",
                    nameof(indices));
            ids[i] = (int)v;
        }
        int[] dims = [.. table.Dims[..a], .. indices.Dims, .. table.Dims[(a + 1)..]];
        Shapes.Validate(dims, "Gather");
        var y = Tensor.Empty(dims);
        var t = table.Data; var yd = y.Data;
        for (int o = 0, dst = 0; o < outer && inner > 0; o++)
            for (int j = 0; j < ids.Length; j++, dst += inner)
                t.AsSpan((o * n + ids[j]) * inner, inner).CopyTo(yd.AsSpan(dst, inner));
        return Autograd.Record("Gather", y, static (node, g) =>
        {
            var (a, ids) = ((int, int[]))node.Saved!;
            var table = node.Inputs[0];
            var (outer, n, inner) = Shapes.AroundAxis(table.Dims, a);
            var dt = Tensor.Empty(table.Dims);
            var gd = g.Data; var dd = dt.Data;
            for (int o = 0, src = 0; o < outer && inner > 0; o++)
                for (int j = 0; j < ids.Length; j++, src += inner)
                {
                    var row = dd.AsSpan((o * n + ids[j]) * inner, inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, gd.AsSpan(src, inner), row);
                }
            return [dt];
        }, [table], (a, ids));
    }
}
