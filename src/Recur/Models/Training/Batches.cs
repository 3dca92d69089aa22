namespace Recur.Models;

/// <summary>Selecting samples (rows of axis 0) for mini-batches.</summary>
internal static class Batches
{
    /// <summary>A new tensor holding the samples <paramref name="indices"/> of <paramref name="x"/>, in that order.</summary>
    public static Tensor Take(Tensor x, ReadOnlySpan<int> indices)
    {
        int row = x.Size / Math.Max(x.Dim(0), 1);
        var data = new float[indices.Length * row];
        var src = x.AsReadOnlySpan();
        for (int i = 0; i < indices.Length; i++) src.Slice(indices[i] * row, row).CopyTo(data.AsSpan(i * row, row));
        return new Tensor(data, [indices.Length, .. x.Shape[1..]]);
    }

    /// <summary>A new tensor holding the <paramref name="count"/> samples from <paramref name="start"/> on (one copy of a contiguous block).</summary>
    public static Tensor Slice(Tensor x, int start, int count)
    {
        int row = x.Size / Math.Max(x.Dim(0), 1);
        return new Tensor(x.AsReadOnlySpan().Slice(start * row, count * row).ToArray(), [count, .. x.Shape[1..]]);
    }

    /// <summary>A seeded Fisher–Yates permutation of <c>0..n-1</c>.</summary>
    public static void Shuffle(int[] order, Random rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
