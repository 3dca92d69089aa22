namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>log(1 + eˣ)</c>, accurate for every float input.</summary>
    /// <remarks>
    /// Computed as <c>max(x, 0) + log1p(e^(−|x|))</c> in double, so that large positive inputs do not overflow and
    /// large negative ones keep their relative precision (softplus(x) ≈ eˣ there, down to subnormal floats).
    /// Gradient: <c>σ(x)</c>.
    /// </remarks>
    public static Tensor Softplus(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        var xs = x.AsReadOnlySpan();
        var ys = y.Span;
        for (int i = 0; i < xs.Length; i++)
        {
            double v = xs[i], e = Math.Exp(-Math.Abs(v));
            // log1p: below 1e-5 two series terms are exact to double precision, where 1 + e would drop e entirely.
            ys[i] = (float)(Math.Max(v, 0) + (e < 1e-5 ? e * (1 - e / 2) : Math.Log(1 + e)));
        }
        return Autograd.Record("Softplus", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = gs[i] / (1f + MathF.Exp(-xs[i]));
            return [d];
        }, [x]);
    }
}
