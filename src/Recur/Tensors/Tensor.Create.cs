namespace Recur;

public sealed partial class Tensor
{
    /// <summary>A rank-1 tensor wrapping <paramref name="values"/> (no copy, like the shaped constructor).</summary>
    public Tensor(float[] values) : this(values, values?.Length ?? 0) { }

    /// <summary>A rank-2 tensor copied from a C# matrix.</summary>
    public Tensor(float[,] values) : this(Flatten(values), values.GetLength(0), values.GetLength(1)) { }

    /// <summary>A rank-3 tensor copied from a C# array.</summary>
    public Tensor(float[,,] values) : this(Flatten(values), values.GetLength(0), values.GetLength(1), values.GetLength(2)) { }

    /// <summary>A rank-4 tensor copied from a C# array.</summary>
    public Tensor(float[,,,] values)
        : this(Flatten(values), values.GetLength(0), values.GetLength(1), values.GetLength(2), values.GetLength(3)) { }

    /// <summary>A tensor copied from any rectangular C# array of float (rank 1 to 6).</summary>
    public static Tensor FromArray(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetType().GetElementType() != typeof(float))
            throw new ArgumentException($"Tensor.FromArray: expected a float array; received {values.GetType().Name}.", nameof(values));
        var shape = new int[values.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = values.GetLength(i);
        return new Tensor(Flatten(values), shape);
    }

    /// <summary>A float tensor of 1 (true) and 0 (false), e.g. a mask <c>[B, T]</c>.</summary>
    public static Tensor FromMask(bool[,] mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var data = new float[mask.Length];
        int i = 0;
        foreach (bool b in mask) data[i++] = b ? 1f : 0f;
        return new Tensor(data, mask.GetLength(0), mask.GetLength(1));
    }

    private static float[] Flatten(Array values)
    {
        var data = new float[values.Length];
        // Multi-dimensional arrays enumerate in row-major order.
        int i = 0;
        foreach (float v in values) data[i++] = v;
        return data;
    }
}
