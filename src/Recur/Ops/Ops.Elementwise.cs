using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>x²</c>; backward <c>2x·g</c>.</summary>
    public static Tensor Square(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Multiply(x.AsReadOnlySpan(), x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Square", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            TensorPrimitives.Multiply(n.Inputs[0].AsReadOnlySpan(), 2f, d.Span);
            TensorPrimitives.Multiply(d.Span, g.AsReadOnlySpan(), d.Span);
            return [d];
        }, [x]);
    }

    /// <summary>Element-wise <c>|x|</c>; backward <c>sign(x)·g</c> with <c>sign(0) = 0</c> (TensorFlow's convention).</summary>
    public static Tensor Abs(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Abs(x.AsReadOnlySpan(), y.Span);
        return Autograd.Record("Abs", y, static (n, g) =>
        {
            var d = Tensor.Empty(g.Dims);
            var xs = n.Inputs[0].AsReadOnlySpan();
            var gs = g.AsReadOnlySpan();
            var ds = d.Span;
            for (int i = 0; i < ds.Length; i++) ds[i] = xs[i] > 0f ? gs[i] : xs[i] < 0f ? -gs[i] : 0f;
            return [d];
        }, [x]);
    }

    /// <summary>Element-wise <c>x^p</c> (IEEE <c>pow</c>: a negative base with a non-integral exponent gives NaN).</summary>
    /// <remarks>Backward <c>p · x^(p−1) · g</c>, computed with <c>pow</c> as TensorFlow does (so <c>x = 0, p = 1</c> gives <c>g</c>).</remarks>
    public static Tensor Pow(Tensor x, float p)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Dims);
        TensorPrimitives.Pow(x.AsReadOnlySpan(), p, y.Span);
        return Autograd.Record("Pow", y, static (n, g) =>
        {
            float p = (float)n.Saved!;
            var d = Tensor.Empty(g.Dims);
            TensorPrimitives.Pow(n.Inputs[0].AsReadOnlySpan(), p - 1f, d.Span);
            TensorPrimitives.Multiply(d.Span, p, d.Span);
            TensorPrimitives.Multiply(d.Span, g.AsReadOnlySpan(), d.Span);
            return [d];
        }, [x], p);
    }

    /// <summary>Element-wise maximum with NumPy broadcasting; NaN propagates.</summary>
    /// <remarks>Backward as TensorFlow: <paramref name="a"/> gets <c>g</c> where <c>a ≥ b</c> (ties go to a), <paramref name="b"/> elsewhere.</remarks>
    public static Tensor Maximum(Tensor a, Tensor b) => Autograd.Record("Maximum", Binary<MaxOp>(a, b, "Maximum"), static (n, g) =>
    {
        var (da, db) = SelectGradients(Binary<GreaterEqualOp>(n.Inputs[0], n.Inputs[1], "Maximum"), g, n.Inputs[0], n.Inputs[1]);
        return [da, db];
    }, [a, b]);

    /// <summary>Element-wise minimum with NumPy broadcasting; NaN propagates.</summary>
    /// <remarks>Backward as TensorFlow: <paramref name="a"/> gets <c>g</c> where <c>a ≤ b</c> (ties go to a), <paramref name="b"/> elsewhere.</remarks>
    public static Tensor Minimum(Tensor a, Tensor b) => Autograd.Record("Minimum", Binary<MinOp>(a, b, "Minimum"), static (n, g) =>
    {
        var (da, db) = SelectGradients(Binary<GreaterEqualOp>(n.Inputs[1], n.Inputs[0], "Minimum"), g, n.Inputs[0], n.Inputs[1]);
        return [da, db];
    }, [a, b]);

    internal readonly struct MaxOp : IBinaryOp
    {
        public static float Apply(float a, float b) => MathF.Max(a, b);
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Max(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Max(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Max(b, a, d);
    }

    internal readonly struct MinOp : IBinaryOp
    {
        public static float Apply(float a, float b) => MathF.Min(a, b);
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Min(a, b, d);
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) => TensorPrimitives.Min(a, b, d);
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) => TensorPrimitives.Min(b, a, d);
    }

    /// <summary>1 where <c>a ≥ b</c>, else 0 (NaN compares false).</summary>
    internal readonly struct GreaterEqualOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a >= b ? 1f : 0f;
        public static void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d) { for (int i = 0; i < d.Length; i++) d[i] = Apply(a[i], b[i]); }
        public static void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> d) { for (int i = 0; i < d.Length; i++) d[i] = Apply(a[i], b); }
        public static void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> d) { for (int i = 0; i < d.Length; i++) d[i] = Apply(a, b[i]); }
    }
}
