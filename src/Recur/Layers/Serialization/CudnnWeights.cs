namespace Recur.Layers;

/// <summary>
/// Converts Keras 2 <c>CuDNNLSTM</c>/<c>CuDNNGRU</c> weights to the <see cref="Lstm"/>/<see cref="Gru"/> layout, as Keras 2's
/// <c>preprocess_weights_for_loading</c> does (spec §2.4). Configs name the cuDNN classes, but a loaded model holds plain
/// LSTM/GRU layers (ConfigUpgrades renames the classes), so weight loaders detect the layout by shape, as Keras 2 does:
/// an LSTM bias of <c>8u</c> or a flat GRU bias of <c>6u</c> is cuDNN's.
/// </summary>
public static class CudnnWeights
{
    /// <summary>True when an LSTM of <paramref name="units"/> units receives a cuDNN bias (<c>[b_input(4u), b_recurrent(4u)]</c>).</summary>
    public static bool IsCudnnLstm(int[] biasShape, int units) => biasShape is [var n] && n == 8 * units;

    /// <summary>True when a GRU of <paramref name="units"/> units receives a cuDNN bias (flat <c>6u</c> instead of <c>(2, 3u)</c>).</summary>
    public static bool IsCudnnGru(int[] biasShape, int units) => biasShape is [var n] && n == 6 * units;

    /// <summary>cuDNN LSTM <c>[kernel, recurrent_kernel, bias(8u)]</c> → LSTM <c>[kernel, recurrent_kernel, bias(4u)]</c>;
    /// the two cuDNN biases add up, since LSTM has one.</summary>
    public static Tensor[] ToLstm(Tensor kernel, Tensor recurrentKernel, Tensor bias, int units)
    {
        var b = bias.AsReadOnlySpan();
        var sum = new float[4 * units];
        for (int i = 0; i < sum.Length; i++) sum[i] = b[i] + b[i + 4 * units];
        return [Kernel(kernel, 4, units), Recurrent(recurrentKernel, 4, units), new Tensor(sum, 4 * units)];
    }

    /// <summary>cuDNN GRU <c>[kernel, recurrent_kernel, bias(6u)]</c> → GRU(reset_after=True)
    /// <c>[kernel, recurrent_kernel, bias(2, 3u)]</c>: input bias row, then recurrent bias row.</summary>
    public static Tensor[] ToGru(Tensor kernel, Tensor recurrentKernel, Tensor bias, int units) =>
        [Kernel(kernel, 3, units), Recurrent(recurrentKernel, 3, units), new Tensor(bias.ToArray(), 2, 3 * units)];

    // cuDNN stored each input gate block as a flat (units, input_dim) buffer: Keras reads block k back as
    // k.T.reshape(k.shape, order='F'), i.e. out[i, j] = k.T flattened column-major at i + j·in.
    private static Tensor Kernel(Tensor kernel, int gates, int units)
    {
        int rows = kernel.Dims[0], cols = gates * units;
        var src = kernel.AsReadOnlySpan();
        var dst = new float[rows * cols];
        for (int g = 0; g < gates; g++)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < units; j++)
                {
                    int p = i + j * rows;          // column-major position in k.T, which is (units, rows)
                    int a = p % units, b = p / units;  // k.T[a, b] = k[b, a]
                    dst[i * cols + g * units + j] = src[b * cols + g * units + a];
                }
        return new Tensor(dst, rows, cols);
    }

    // Each recurrent gate block is transposed.
    private static Tensor Recurrent(Tensor recurrent, int gates, int units)
    {
        int cols = gates * units;
        var src = recurrent.AsReadOnlySpan();
        var dst = new float[units * cols];
        for (int g = 0; g < gates; g++)
            for (int i = 0; i < units; i++)
                for (int j = 0; j < units; j++)
                    dst[i * cols + g * units + j] = src[j * cols + g * units + i];
        return new Tensor(dst, units, cols);
    }
}
