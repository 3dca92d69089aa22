namespace Recur.Layers;

/// <summary>What inputs a layer accepts: an exact or minimum rank and fixed sizes of given axes. Keras: <c>InputSpec</c>.</summary>
public sealed record InputSpec(int? Rank = null, int? MinRank = null, int? MaxRank = null)
{
    /// <summary>Axis (negative from the end) → required size, e.g. the feature size a layer was built with.</summary>
    public IReadOnlyDictionary<int, int> Axes { get; init; } = new Dictionary<int, int>();

    /// <summary>Throws a <see cref="ShapeMismatchException"/> naming <paramref name="layer"/> when <paramref name="shape"/> does not fit.</summary>
    public void Check(string layer, ReadOnlySpan<int?> shape)
    {
        int rank = shape.Length;
        if (Rank is int r && rank != r)
            throw new ShapeMismatchException($"{layer} expects input of rank {r}{RankHint(r)}; received rank {rank} with shape {Format(shape)}.");
        if (MinRank is int min && rank < min)
            throw new ShapeMismatchException($"{layer} expects input of rank at least {min}; received rank {rank} with shape {Format(shape)}.");
        if (MaxRank is int max && rank > max)
            throw new ShapeMismatchException($"{layer} expects input of rank at most {max}; received rank {rank} with shape {Format(shape)}.");
        foreach (var (axis, size) in Axes)
        {
            int a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) continue;
            if (shape[a] is int d && d != size)
                throw new ShapeMismatchException(
                    $"{layer} expects axis {axis} of the input to have size {size} (the size it was built with); received shape {Format(shape)}.");
        }
    }

    private static string RankHint(int r) => r == 3 ? " [batch, timesteps, features]" : "";

    internal static string Format(ReadOnlySpan<int?> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
        return "[" + string.Join(", ", parts) + "]";
    }
}
