namespace Recur;

public static partial class Ops
{
    /// <summary>A copy with the order of <paramref name="axis"/> reversed (negative counts from the end); <c>go_backwards</c> in Keras RNNs.</summary>
    /// <remarks>Self-inverse: backward reverses the gradient along the same axis.</remarks>
    public static Tensor Reverse(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = Shapes.Axis(axis, x.Rank, "Reverse");
        return Autograd.Record("Reverse", Reversed(x, a), static (n, g) => [Reversed(g, (int)n.Saved!)], [x], a);
    }

    private static Tensor Reversed(Tensor x, int axis)
    {
        var y = Tensor.Empty(x.Dims);
        var (outer, n, inner) = Shapes.AroundAxis(x.Dims, axis);
        int block = n * inner;
        for (int o = 0; o < outer && block > 0; o++)
        {
            var src = x.AsReadOnlySpan().Slice(o * block, block);
            var dst = y.Span.Slice(o * block, block);
            if (inner == 1)
            {
                src.CopyTo(dst);
                dst.Reverse();
                continue;
            }
            for (int i = 0; i < n; i++) src.Slice(i * inner, inner).CopyTo(dst.Slice((n - 1 - i) * inner, inner));
        }
        return y;
    }
}
