namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>min(max(x, 0), 6)</c> (gradient 1 strictly between 0 and 6, else 0).</summary>
    /// <remarks>Its own op because composing it from <c>relu</c> (<c>relu(x) − relu(x − 6)</c>) rounds for large x.</remarks>
    public static Tensor Relu6(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        var xs = x.AsReadOnlySpan();
        for (int i = 0; i < xs.Length; i++) y.Span[i] = float.IsNaN(xs[i]) ? xs[i] : Math.Clamp(xs[i], 0f, 6f);
        return Autograd.Record("Relu6", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = xs[i] > 0f && xs[i] < 6f ? gs[i] : 0f;
            return [d];
        }, [x]);
    }
}
