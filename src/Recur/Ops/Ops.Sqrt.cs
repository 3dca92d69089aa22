using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise square root.</summary>
    public static Tensor Sqrt(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Sqrt(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Sqrt", y, static (n, g) =>
        {
            // d√x = 1 / (2√x), from the saved output.
            var d = Tensor.Empty(g.Dims);
            TensorPrimitives.Multiply(n.Output.AsReadOnlySpan(), 2f, d.Span);
            TensorPrimitives.Divide(g.AsReadOnlySpan(), d.Span, d.Span);
            return [d];
        }, [x]);
    }
}
