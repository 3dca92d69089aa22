using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>max(x, 0)</c>.</summary>
    public static Tensor Relu(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Max(x.AsReadOnlySpan(), 0f, y.Span);
        return Autograd.Record("Relu", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = xs[i] > 0f ? gs[i] : 0f;
            return [d];
        }, [x]);
    }
}
