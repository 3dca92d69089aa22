using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>max(x, 0)</c>.</summary>
    public static Tensor Relu(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        Relu(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Relu", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            for (int i = 0; i < gs.Length; i++) d.Span[i] = xs[i] > 0f ? gs[i] : 0f;
            return [d];
        }, [x]);
    }

    /// <summary>The forward of <see cref="Relu(Tensor)"/> on spans (<paramref name="y"/> may be <paramref name="x"/>).</summary>
    internal static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);
}
