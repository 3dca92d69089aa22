using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>|x|</c> (gradient sign(x), 0 at 0).</summary>
    public static Tensor Abs(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Abs(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Abs", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = xs[i] > 0 ? gs[i] : xs[i] < 0 ? -gs[i] : 0f;
            return [d];
        }, [x]);
    }
}
