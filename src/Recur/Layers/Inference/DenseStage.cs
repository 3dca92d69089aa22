using System.Numerics.Tensors;

namespace Recur.Layers;

/// <summary>
/// A <see cref="Dense"/> layer as an inference stage: <c>y = activation(x·kernel + bias)</c> on the last axis, with the
/// GEMM of <see cref="Ops.MatMul"/>, the bias added row by row as the broadcast add does, and the activation's span form.
/// </summary>
internal sealed class DenseStage(int[] inputShape, Tensor kernel, Tensor? bias, ActivationFunction activation)
    : InferenceStage(inputShape, [.. inputShape[..^1], kernel.Dims[1]])
{
    public override void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y)
    {
        int units = kernel.Dims[1], rows = batch * (OutputSize / units);
        var output = y.Span[..(rows * units)];
        Ops.MatMulRows(x.Span, rows, kernel, output);
        if (bias is not null)
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(output.Slice(r * units, units), bias.AsReadOnlySpan(), output.Slice(r * units, units));
        activation.Apply(output, output, units);
    }
}
