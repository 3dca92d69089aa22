using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise logistic sigmoid <c>1 / (1 + e^(−x))</c>.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Sigmoid(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Sigmoid", y, static (n, g) =>
        {
            // dσ = y(1 − y), from the saved output.
            var d = Tensor.Empty(g.Dims);
            var ys = n.Output.AsReadOnlySpan();
            TensorPrimitives.Subtract(1f, ys, d.Span);
            TensorPrimitives.Multiply(d.Span, ys, d.Span);
            TensorPrimitives.Multiply(d.Span, g.AsReadOnlySpan(), d.Span);
            return [d];
        }, [x]);
    }
}
