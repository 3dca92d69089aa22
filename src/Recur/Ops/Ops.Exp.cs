using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>eˣ</c>.</summary>
    public static Tensor Exp(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Exp(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Exp", y, static (n, g) => [Binary<MulOp>(g, n.Output, "Exp")], [x]);
    }
}
