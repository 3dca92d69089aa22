namespace Recur;

/// <summary>Shape arithmetic shared by tensors and ops: validation, sizes, axes, NumPy broadcasting, formatting.</summary>
public static class Shapes
{
    /// <summary>Checks rank and dimensions; returns the element count.</summary>
    internal static int Validate(int[] shape, string who)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length > Tensor.MaxRank)
            throw new ArgumentException($"{who}: rank must be at most {Tensor.MaxRank}; received shape {Format(shape)}.", nameof(shape));
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException(
                    $"{who}: dimensions must be non-negative; received shape [{string.Join(", ", shape)}].", nameof(shape));
            size *= d;
            if (size > Array.MaxLength)
                throw new ArgumentException($"{who}: shape {Format(shape)} has more elements than an array can hold.", nameof(shape));
        }
        return (int)size;
    }

    /// <summary>Number of elements of a shape.</summary>
    public static int Size(ReadOnlySpan<int> shape)
    {
        int size = 1;
        foreach (int d in shape) size *= d;
        return size;
    }

    /// <summary>Formats a shape as <c>[2, 3, 4]</c>; negative dimensions (unknown) print as <c>None</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i] < 0 ? "None" : shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>Normalizes a possibly negative axis against a rank.</summary>
    internal static int Axis(int axis, int rank, string who)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis),
                $"{who}: axis {axis} is out of range for rank {rank}; expected an axis in [{-rank}, {rank - 1}].");
        return a;
    }

    /// <summary>Views <paramref name="dims"/> as <c>[outer, dims[axis], inner]</c> around a normalized axis.</summary>
    internal static (int Outer, int Length, int Inner) AroundAxis(int[] dims, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[axis], inner);
    }

    /// <summary>NumPy broadcasting of two shapes; throws a <see cref="ShapeMismatchException"/> naming <paramref name="who"/>.</summary>
    internal static int[] Broadcast(int[] a, int[] b, string who)
    {
        if (a.AsSpan().SequenceEqual(b)) return a;
        int rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(
                    $"{who}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i} is {da} vs {db}); expected equal dimensions or 1.");
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    /// <summary>Row-major strides of a shape.</summary>
    internal static int[] Strides(int[] shape)
    {
        var s = new int[shape.Length];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }
}
