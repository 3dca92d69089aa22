namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise error function <c>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt</c>, to float precision.</summary>
    /// <remarks>Gradient: <c>2/√π · e^(−x²)</c>.</remarks>
    public static Tensor Erf(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        var xs = x.AsReadOnlySpan();
        for (int i = 0; i < xs.Length; i++) y.Span[i] = (float)ErfDouble(xs[i]);
        return Autograd.Record("Erf", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = gs[i] * (float)(TwoOverSqrtPi * Math.Exp(-(double)xs[i] * xs[i]));
            return [d];
        }, [x]);
    }

    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>
    /// erf in double: the Maclaurin series <c>2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))</c> for |x| &lt; 4, ±1 beyond.
    /// </summary>
    /// <remarks>
    /// At |x| = 4 the largest series term is about 4·10⁶, so cancellation costs under 7 of double's 16 digits — far more
    /// than float needs. Beyond 4, 1 − erf(x) &lt; 1.6·10⁻⁸ is below half a float ulp at 1, so ±1 is the rounded value.
    /// </remarks>
    internal static double ErfDouble(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a >= 4) return Math.Sign(x);
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
        }
        return TwoOverSqrtPi * sum;
    }
}
