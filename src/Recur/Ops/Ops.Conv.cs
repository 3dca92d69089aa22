using System.Buffers;
using Recur.Kernels;

namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// Channels-last convolution (a cross-correlation, as in Keras) over 1, 2 or 3 spatial axes:
    /// <c>x [B, *spatial, Cin]</c>, <c>kernel [*k, Cin, Cout]</c> → <c>[B, *out, Cout]</c>. Null
    /// <paramref name="strides"/> / <paramref name="dilation"/> mean 1 on every axis. Keras: <c>keras.ops.conv</c>.
    /// </summary>
    /// <remarks>
    /// <code>y[b, o, f] = Σ_{j, c} x[b, o·s − before + j·d, c] · kernel[j, c, f]     (positions outside x read 0)</code>
    /// Output sizes and the before/after split of "same" padding follow TensorFlow (see <see cref="Padding"/>).
    /// Computed as im2col + one GEMM per chunk of samples; the backward recomputes the patches instead of keeping them
    /// (dKernel = patchesᵀ·G, dPatches = G·kernelᵀ, then col2im into dx).
    /// </remarks>
    public static Tensor Conv(Tensor x, Tensor kernel, int[]? strides = null, Padding padding = Padding.Valid, int[]? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(kernel);
        int rank = x.Rank - 2;
        if (kernel.Rank != x.Rank)
            throw new ShapeMismatchException(
                $"Conv: expected a kernel [*k, in_channels, out_channels] of rank {x.Rank} for input {Shapes.Format(x.Dims)}; received {Shapes.Format(kernel.Dims)}.");
        var g = new ConvGeometry("Conv", x.Dims, kernel.Dims[..Math.Max(0, rank)], strides, dilation, padding);
        if (kernel.Dims[rank] != g.Channels)
            throw new ShapeMismatchException(
                $"Conv: the kernel's input channels ({kernel.Dims[rank]}, kernel {Shapes.Format(kernel.Dims)}) must equal the input's last axis ({g.Channels}, input {Shapes.Format(x.Dims)}).");
        int filters = kernel.Dims[^1];
        var dims = g.OutputDims.ToArray();
        dims[^1] = filters;
        var y = Tensor.Empty(dims);
        ConvForward(g, x.Data, kernel.Data, filters, y.Data);
        return Autograd.Record("Conv", y, static (node, grad) => ConvBackward((ConvGeometry)node.Saved!, node.Inputs[0], node.Inputs[1], grad), [x, kernel], g);
    }

    private static void ConvForward(ConvGeometry g, float[] x, float[] kernel, int filters, float[] y)
    {
        int patch = g.Taps * g.Channels, chunk = ConvPatches.SamplesPerChunk(g, patch);
        if (g.IsPointwise)
        {
            // Every patch is one input row: the input already is the patch matrix.
            Gemm.Sgemm(false, false, g.Batch * g.Positions, filters, patch, 1f, x, patch, kernel, filters, 0f, y, filters);
            return;
        }
        var cols = ArrayPool<float>.Shared.Rent(chunk * g.Positions * patch);
        try
        {
            for (int b = 0; b < g.Batch; b += chunk)
            {
                int count = Math.Min(chunk, g.Batch - b), rows = count * g.Positions;
                ConvPatches.Im2Col(g, x, b, count, cols);
                Gemm.Sgemm(false, false, rows, filters, patch, 1f, cols.AsSpan(0, rows * patch), patch, kernel, filters,
                    0f, y.AsSpan(b * g.Positions * filters, rows * filters), filters);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cols);
        }
    }

    private static Tensor?[] ConvBackward(ConvGeometry g, Tensor x, Tensor kernel, Tensor grad)
    {
        int filters = kernel.Dims[^1], patch = g.Taps * g.Channels, chunk = ConvPatches.SamplesPerChunk(g, patch);
        var dx = x.RequiresGrad ? Tensor.Empty(x.Dims) : null;
        var dk = kernel.RequiresGrad ? Tensor.Empty(kernel.Dims) : null;
        if (g.IsPointwise)
        {
            int rows = g.Batch * g.Positions;
            if (dk is not null) Gemm.Sgemm(true, false, patch, filters, rows, 1f, x.Data, patch, grad.Data, filters, 0f, dk.Data, filters);
            if (dx is not null) Gemm.Sgemm(false, true, rows, patch, filters, 1f, grad.Data, filters, kernel.Data, filters, 0f, dx.Data, patch);
            return [dx, dk];
        }
        var cols = ArrayPool<float>.Shared.Rent(chunk * g.Positions * patch);
        try
        {
            for (int b = 0; b < g.Batch; b += chunk)
            {
                int count = Math.Min(chunk, g.Batch - b), rows = count * g.Positions;
                var gRows = grad.Data.AsSpan(b * g.Positions * filters, rows * filters);
                var colSpan = cols.AsSpan(0, rows * patch);
                if (dk is not null)
                {
                    ConvPatches.Im2Col(g, x.Data, b, count, cols);
                    // The first chunk overwrites dKernel, later ones accumulate into it.
                    Gemm.Sgemm(true, false, patch, filters, rows, 1f, colSpan, patch, gRows, filters, b == 0 ? 0f : 1f, dk.Data, filters);
                }
                if (dx is not null)
                {
                    Gemm.Sgemm(false, true, rows, patch, filters, 1f, gRows, filters, kernel.Data, filters, 0f, colSpan, patch);
                    ConvPatches.Col2Im(g, cols, b, count, dx.Data);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cols);
        }
        return [dx, dk];
    }
}
