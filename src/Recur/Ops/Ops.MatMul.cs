using Recur.Kernels;

namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// Matrix product with NumPy <c>matmul</c> semantics: <c>[..., M, K] · [..., K, N] → [..., M, N]</c>, batch dimensions
    /// broadcast; a rank-1 operand is treated as a row (left) or column (right) vector and its axis is dropped.
    /// </summary>
    /// <remarks>A rank-2 right operand (a weight) turns the whole left batch into one GEMM.</remarks>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ShapeMismatchException("MatMul", "operands of rank 1 or more", a.Rank == 0 ? a.Dims : b.Dims);
        var a2 = a.Rank == 1 ? Reshape(a, [1, a.Dims[0]]) : a;
        var b2 = b.Rank == 1 ? Reshape(b, [b.Dims[0], 1]) : b;
        var y = MatMulCore(a2, b2);
        if (a.Rank == 1 && b.Rank == 1) return Reshape(y, []);
        if (a.Rank == 1) return Reshape(y, [.. y.Dims[..^2], y.Dims[^1]]);
        if (b.Rank == 1) return Reshape(y, y.Dims[..^1]);
        return y;
    }

    private static Tensor MatMulCore(Tensor a, Tensor b)
    {
        int m = a.Dims[^2], k = a.Dims[^1], kb = b.Dims[^2], n = b.Dims[^1];
        if (k != kb)
            throw new ShapeMismatchException(
                $"MatMul: inner dimensions differ: left operand {Shapes.Format(a.Dims)} has {k} columns, right operand {Shapes.Format(b.Dims)} has {kb} rows; expected equal.");
        var batch = Shapes.Broadcast(a.Dims[..^2], b.Dims[..^2], "MatMul");
        var y = Tensor.Empty([.. batch, m, n]);
        if (b.Rank == 2)
            // Every left matrix meets the same right matrix: one product over all stacked rows.
            MatMulRows(a.AsReadOnlySpan(), Shapes.Size(a.Dims.AsSpan(0, a.Rank - 1)), b, y.Span);
        else
            ForEachBatch(a, b, batch, (ao, bo, yo) =>
                Gemm.Sgemm(false, false, m, n, k, 1f, a.AsReadOnlySpan()[ao..], k, b.AsReadOnlySpan()[bo..], n, 0f, y.Span[yo..], n));
        return Autograd.Record("MatMul", y, static (node, g) =>
        {
            var (x, w) = (node.Inputs[0], node.Inputs[1]);
            int m = x.Dims[^2], k = x.Dims[^1], n = w.Dims[^1];
            var batch = g.Dims[..^2];
            Tensor? dx = null, dw = null;
            if (x.RequiresGrad)
            {
                // dX = G · Wᵀ, accumulated over batch entries that broadcast onto the same X block.
                dx = Tensor.Empty(x.Dims);
                if (w.Rank == 2)
                    Gemm.Sgemm(false, true, Shapes.Size(x.Dims.AsSpan(0, x.Rank - 1)), k, n, 1f, g.AsReadOnlySpan(), n, w.AsReadOnlySpan(), n, 0f, dx.Span, k);
                else
                    ForEachBatch(x, w, batch, (xo, wo, go) =>
                        Gemm.Sgemm(false, true, m, k, n, 1f, g.AsReadOnlySpan()[go..], n, w.AsReadOnlySpan()[wo..], n, 1f, dx.Span[xo..], k));
            }
            if (w.RequiresGrad)
            {
                // dW = Xᵀ · G; with a rank-2 W and a batched X this is one GEMM over the flattened rows.
                dw = Tensor.Empty(w.Dims);
                if (w.Rank == 2)
                {
                    int rows = Shapes.Size(x.Dims.AsSpan(0, x.Rank - 1));
                    Gemm.Sgemm(true, false, k, n, rows, 1f, x.AsReadOnlySpan(), k, g.AsReadOnlySpan(), n, 0f, dw.Span, n);
                }
                else
                {
                    ForEachBatch(x, w, batch, (xo, wo, go) =>
                        Gemm.Sgemm(true, false, k, n, m, 1f, x.AsReadOnlySpan()[xo..], k, g.AsReadOnlySpan()[go..], n, 1f, dw.Span[wo..], n));
                }
            }
            return [dx, dw];
        }, [a, b]);
    }

    /// <summary>
    /// The forward of <see cref="MatMul"/> with a rank-2 right operand, on spans: <c>y[rows, n] = a[rows, k] · b[k, n]</c>
    /// (<paramref name="y"/> must not overlap <paramref name="a"/>).
    /// </summary>
    internal static void MatMulRows(ReadOnlySpan<float> a, int rows, Tensor b, Span<float> y)
    {
        int k = b.Dims[0], n = b.Dims[1];
        Gemm.Sgemm(false, false, rows, n, k, 1f, a, k, b.AsReadOnlySpan(), n, 0f, y, n);
    }

    /// <summary>Calls <paramref name="body"/> with the element offsets of the a-, b- and output matrices of every batch entry.</summary>
    private static void ForEachBatch(Tensor a, Tensor b, int[] batch, Action<int, int, int> body)
    {
        int ma = a.Dims[^2] * a.Dims[^1], mb = b.Dims[^2] * b.Dims[^1];
        int mo = a.Dims[^2] * b.Dims[^1];
        int count = Shapes.Size(batch);
        var aBatch = a.Dims[..^2];
        var bBatch = b.Dims[..^2];
        var idx = new int[batch.Length];
        for (int i = 0; i < count; i++)
        {
            body(BatchOffset(idx, aBatch) * ma, BatchOffset(idx, bBatch) * mb, i * mo);
            for (int d = idx.Length - 1; d >= 0; d--)
            {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
    }

    private static int BatchOffset(int[] idx, int[] shape)
    {
        int off = 0, shift = idx.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++) off = off * shape[d] + (shape[d] == 1 ? 0 : idx[d + shift]);
        return off;
    }
}
