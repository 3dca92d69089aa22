using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise natural logarithm (IEEE: log 0 = −∞, log of a negative number = NaN).</summary>
    public static Tensor Log(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Log(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Log", y, static (n, g) => [Binary<DivOp>(g, n.Inputs[0], "Log")], [x]);
    }
}
