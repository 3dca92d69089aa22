using System.Buffers;
using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Softmax along <paramref name="axis"/> (negative counts from the end), numerically stable.</summary>
    /// <remarks>
    /// <c>y = exp(x − max(x)) / Σ exp(x − max(x))</c> along the axis, as Keras computes it.
    /// Backward: <c>dx = y ⊙ (g − Σ(g ⊙ y))</c>.
    /// </remarks>
    public static Tensor Softmax(Tensor x, int axis = -1) => SoftmaxCore(x, axis, log: false);

    /// <summary>Log-softmax along <paramref name="axis"/> (negative counts from the end), numerically stable.</summary>
    /// <remarks>
    /// <c>y = (x − max(x)) − log Σ exp(x − max(x))</c> along the axis. Backward: <c>dx = g − exp(y) · Σ g</c>.
    /// </remarks>
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => SoftmaxCore(x, axis, log: true);

    private static Tensor SoftmaxCore(Tensor x, int axis, bool log)
    {
        ArgumentNullException.ThrowIfNull(x);
        string op = log ? "LogSoftmax" : "Softmax";
        if (x.Rank == 0) throw new ShapeMismatchException(op, "a tensor of rank 1 or more", x.Dims);
        int a = Shapes.Axis(axis, x.Rank, op);
        var y = Tensor.Empty(x.Dims);
        var (outer, n, inner) = Shapes.AroundAxis(x.Dims, a);
        if (n > 0 && inner > 0) SoftmaxForward(x.Data, y.Data, outer, n, inner, log);
        return Autograd.Record(op, y, log
            ? static (node, g) => [SoftmaxBackward(node, g, log: true)]
            : static (node, g) => [SoftmaxBackward(node, g, log: false)], [x], a);
    }

    // x and y are viewed as [outer, n, inner]. For inner == 1 each softmax is one contiguous row; otherwise the
    // n rows of a block are contiguous spans of length inner, reduced element-wise into per-block buffers.
    private static void SoftmaxForward(float[] x, float[] y, int outer, int n, int inner, bool log)
    {
        int block = n * inner;
        var buf = ArrayPool<float>.Shared.Rent(inner == 1 ? n : 3 * inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                var xb = x.AsSpan(o * block, block);
                var yb = y.AsSpan(o * block, block);
                if (inner == 1)
                {
                    var e = log ? buf.AsSpan(0, n) : yb;
                    TensorPrimitives.Subtract(xb, TensorPrimitives.Max(xb), yb);
                    TensorPrimitives.Exp(yb, e);
                    float s = TensorPrimitives.Sum(e);
                    if (log) TensorPrimitives.Subtract(yb, MathF.Log(s), yb);
                    else TensorPrimitives.Divide(yb, s, yb);
                    continue;
                }
                var max = buf.AsSpan(0, inner);
                var acc = buf.AsSpan(inner, inner);
                var tmp = buf.AsSpan(2 * inner, inner);
                xb[..inner].CopyTo(max);
                for (int i = 1; i < n; i++) TensorPrimitives.Max(max, xb.Slice(i * inner, inner), max);
                acc.Clear();
                for (int i = 0; i < n; i++)
                {
                    var yi = yb.Slice(i * inner, inner);
                    TensorPrimitives.Subtract(xb.Slice(i * inner, inner), max, yi);
                    var e = log ? tmp : yi;
                    TensorPrimitives.Exp(yi, e);
                    TensorPrimitives.Add(acc, e, acc);
                }
                if (log) TensorPrimitives.Log(acc, acc);
                for (int i = 0; i < n; i++)
                {
                    var yi = yb.Slice(i * inner, inner);
                    if (log) TensorPrimitives.Subtract(yi, acc, yi);
                    else TensorPrimitives.Divide(yi, acc, yi);
                }
            }
        }
        finally { ArrayPool<float>.Shared.Return(buf); }
    }

    // softmax: dx = y ⊙ (g − Σ g⊙y);  log-softmax: dx = g − exp(y) · Σ g  (sums along the axis).
    private static Tensor SoftmaxBackward(GradNode node, Tensor g, bool log)
    {
        var y = node.Output;
        var dx = Tensor.Empty(y.Dims);
        var (outer, n, inner) = Shapes.AroundAxis(y.Dims, (int)node.Saved!);
        int block = n * inner;
        if (block == 0) return dx;
        var acc = inner == 1 ? [] : ArrayPool<float>.Shared.Rent(inner);
        try
        {
            for (int o = 0; o < outer; o++)
            {
                var yb = y.AsReadOnlySpan().Slice(o * block, block);
                var gb = g.AsReadOnlySpan().Slice(o * block, block);
                var db = dx.Span.Slice(o * block, block);
                if (inner == 1)
                {
                    if (log)
                    {
                        TensorPrimitives.Exp(yb, db);
                        TensorPrimitives.Multiply(db, TensorPrimitives.Sum(gb), db);
                        TensorPrimitives.Subtract(gb, db, db);
                    }
                    else
                    {
                        TensorPrimitives.Subtract(gb, TensorPrimitives.Dot(gb, yb), db);
                        TensorPrimitives.Multiply(db, yb, db);
                    }
                    continue;
                }
                var s = acc.AsSpan(0, inner);
                s.Clear();
                for (int i = 0; i < n; i++)
                {
                    var gi = gb.Slice(i * inner, inner);
                    if (log) TensorPrimitives.Add(s, gi, s);
                    else TensorPrimitives.MultiplyAdd(gi, yb.Slice(i * inner, inner), s, s);
                }
                for (int i = 0; i < n; i++)
                {
                    var yi = yb.Slice(i * inner, inner);
                    var gi = gb.Slice(i * inner, inner);
                    var di = db.Slice(i * inner, inner);
                    if (log)
                    {
                        TensorPrimitives.Exp(yi, di);
                        TensorPrimitives.Multiply(di, s, di);
                        TensorPrimitives.Subtract(gi, di, di);
                    }
                    else
                    {
                        TensorPrimitives.Subtract(gi, s, di);
                        TensorPrimitives.Multiply(di, yi, di);
                    }
                }
            }
        }
        finally { if (acc.Length > 0) ArrayPool<float>.Shared.Return(acc); }
        return dx;
    }
}
