using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Tanh(x.AsReadOnlySpan(), y.Span);
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
