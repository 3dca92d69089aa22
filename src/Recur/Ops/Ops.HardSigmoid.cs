namespace Recur;

public static partial class Ops
{
    /// <summary>Keras 3 hard sigmoid, <c>clip(x/6 + 0.5, 0, 1)</c>.</summary>
    public static Tensor HardSigmoid(Tensor x) => PiecewiseLinear(x, "HardSigmoid", divisor: 6f);

    /// <summary>Keras 2 / tf.keras hard sigmoid, <c>clip(0.2·x + 0.5, 0, 1)</c>.</summary>
    public static Tensor HardSigmoidLegacy(Tensor x) => PiecewiseLinear(x, "HardSigmoidLegacy", divisor: 0f);

    // divisor 6 → x/6 (Keras 3 divides); divisor 0 → 0.2·x (Keras 2 multiplies): kept apart so both match to the last bit.
    private static Tensor PiecewiseLinear(Tensor x, string op, float divisor)
    {
        var y = Tensor.Empty(x.Dims);
        var xs = x.AsReadOnlySpan();
        var ys = y.Span;
        for (int i = 0; i < xs.Length; i++)
        {
            float v = (divisor != 0 ? xs[i] / divisor : 0.2f * xs[i]) + 0.5f;
            ys[i] = float.IsNaN(v) ? v : Math.Clamp(v, 0f, 1f);
        }
        float slope = divisor != 0 ? 1f / divisor : 0.2f;
        return Autograd.Record(op, y, static (n, g) =>
        {
            float s = (float)n.Saved!;
            var d = Tensor.Empty(g.Dims);
            var os = n.Output.AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = os[i] > 0f && os[i] < 1f ? gs[i] * s : 0f;
            return [d];
        }, [x], slope);
    }
}
