using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise clamp to <c>[min, max]</c>; NaN stays NaN.</summary>
    /// <remarks>
    /// Gradient (TensorFlow's <c>clip_by_value</c>, which Keras uses): <c>g</c> where <c>min ≤ x ≤ max</c> — the bounds
    /// themselves included — and 0 where <c>x &lt; min</c> or <c>x &gt; max</c>; a NaN input passes its gradient.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/> or either is NaN.</exception>
    public static Tensor Clip(Tensor x, float min, float max)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(min <= max))
            throw new ArgumentException($"Clip: expected min <= max; received min {min}, max {max}.", nameof(min));
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Max(x.AsReadOnlySpan(), min, y.Span);
        TensorPrimitives.Min(y.Span, max, y.Span);
        return Autograd.Record("Clip", y, static (n, g) =>
        {
            var (min, max) = ((float, float))n.Saved!;
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            var ds = d.Span;
            for (int i = 0; i < ds.Length; i++) ds[i] = xs[i] < min || xs[i] > max ? 0f : gs[i];
            return [d];
        }, [x], (min, max));
    }
}
