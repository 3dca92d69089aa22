using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>eˣ</c>.</summary>
    public static Tensor Exp(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        Exp(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Exp", y, static (n, g) => [Binary<MulOp>(g, n.Output, "Exp")], [x]);
    }

    /// <summary>The forward of <see cref="Exp(Tensor)"/> on spans (<paramref name="y"/> may be <paramref name="x"/>).</summary>
    internal static void Exp(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Exp(x, y);
}
