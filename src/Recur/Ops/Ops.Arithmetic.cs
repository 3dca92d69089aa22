using System.Numerics.Tensors;

namespace Recur;

/// <summary>Differentiable tensor operations. Each op keeps its backward beside its forward.</summary>
public static partial class Ops
{
    /// <summary>Element-wise <c>a + b</c> with NumPy broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Autograd.Record("Add", Binary<AddOp>(a, b, "Add"), static (n, g) =>
    {
        var (x, y) = (n.Inputs[0], n.Inputs[1]);
        return [x.RequiresGrad ? Broadcasting.SumTo(g, x.Dims) : null, y.RequiresGrad ? Broadcasting.SumTo(g, y.Dims) : null];
    }, [a, b]);

    /// <summary>Element-wise <c>a − b</c> with NumPy broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Autograd.Record("Sub", Binary<SubOp>(a, b, "Sub"), static (n, g) =>
    {
        var (x, y) = (n.Inputs[0], n.Inputs[1]);
        return [x.RequiresGrad ? Broadcasting.SumTo(g, x.Dims) : null, y.RequiresGrad ? Negated(Broadcasting.SumTo(g, y.Dims)) : null];
    }, [a, b]);

    /// <summary>Element-wise <c>a ⊙ b</c> with NumPy broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Autograd.Record("Mul", Binary<MulOp>(a, b, "Mul"), static (n, g) =>
    {
        var (x, y) = (n.Inputs[0], n.Inputs[1]);
        return [x.RequiresGrad ? Broadcasting.SumTo(Binary<MulOp>(g, y, "Mul"), x.Dims) : null,
                y.RequiresGrad ? Broadcasting.SumTo(Binary<MulOp>(g, x, "Mul"), y.Dims) : null];
    }, [a, b]);

    /// <summary>Element-wise <c>a / b</c> with NumPy broadcasting (IEEE: division by zero gives ±∞ or NaN).</summary>
    public static Tensor Div(Tensor a, Tensor b) => Autograd.Record("Div", Binary<DivOp>(a, b, "Div"), static (n, g) =>
    {
        var (x, y) = (n.Inputs[0], n.Inputs[1]);
        Tensor? dx = null, dy = null;
        if (x.RequiresGrad) dx = Broadcasting.SumTo(Binary<DivOp>(g, y, "Div"), x.Dims);
        if (y.RequiresGrad)
        {
            // d(x/y)/dy = −(x/y)/y, reusing the forward output.
            var t = Binary<DivOp>(n.Output, y, "Div");
            var u = Binary<MulOp>(g, t, "Mul");
            dy = Broadcasting.SumTo(Negated(u), y.Dims);
        }
        return [dx, dy];
    }, [a, b]);

    /// <summary>Element-wise <c>−x</c>.</summary>
    public static Tensor Neg(Tensor x) => Autograd.Record("Neg", Negated(x), static (_, g) => [Negated(g)], [x]);

    private static Tensor Negated(Tensor x)
    {
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Negate(x.AsReadOnlySpan(), y.Span);
        return y;
    }

    internal static Tensor Binary<TOp>(Tensor a, Tensor b, string who) where TOp : IBinaryOp
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = Tensor.Empty(Shapes.Broadcast(a.Dims, b.Dims, who));
        Broadcasting.Apply<TOp>(a, b, d);
        return d;
    }

    internal readonly struct AddOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a + b;
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Add(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Add(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Add(b, a, d);
    }

    internal readonly struct SubOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a - b;
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Subtract(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Subtract(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Subtract(a, b, d);
    }

    internal readonly struct MulOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a * b;
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Multiply(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Multiply(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Multiply(b, a, d);
    }

    internal readonly struct DivOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a / b;
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Divide(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Divide(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Divide(a, b, d);
    }
}
