namespace Recur;

public static partial class Ops
{
    /// <summary>Removes <paramref name="axis"/>, which must have size 1 (no copy; a <see cref="Reshape"/>).</summary>
    public static Tensor Squeeze(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = Shapes.Axis(axis, x.Rank, "Squeeze");
        if (x.Dims[a] != 1)
            throw new ShapeMismatchException($"Squeeze: expected axis {axis} of shape {Shapes.Format(x.Dims)} to have size 1; received size {x.Dims[a]}.");
        return Reshape(x, [.. x.Dims[..a], .. x.Dims[(a + 1)..]]);
    }

    /// <summary>Inserts a size-1 axis at <paramref name="axis"/> (in <c>[-rank-1, rank]</c>; no copy; a <see cref="Reshape"/>).</summary>
    public static Tensor ExpandDims(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = Shapes.Axis(axis, x.Rank + 1, "ExpandDims");
        return Reshape(x, [.. x.Dims[..a], 1, .. x.Dims[a..]]);
    }
}
