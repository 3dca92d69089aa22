using System.Numerics.Tensors;
using Recur.Kernels;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise hyperbolic tangent, within 3 ulps of the correctly rounded value.</summary>
    public static Tensor Tanh(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        AccurateTanh.Apply(x.AsReadOnlySpan(), y.Span);   // within 3 ulps; TensorPrimitives.Tanh cancels near 0
        return Autograd.Record("Tanh", y, static (n, g) =>
        {
            // d tanh = 1 − y², from the saved output.
            var d = Tensor.Empty(g.Dims);
            var ys = n.Output.AsReadOnlySpan();
            TensorPrimitives.Multiply(ys, ys, d.Span);
            TensorPrimitives.Subtract(1f, d.Span, d.Span);
            TensorPrimitives.Multiply(d.Span, g.AsReadOnlySpan(), d.Span);
            return [d];
        }, [x]);
    }
}
