namespace Recur.Tests.Convolutional;

/// <summary>
/// An independent ConvLSTM written from spec §5 with the direct-loop convolution: gate blocks i, f, c, o, recurrent
/// convolution stride 1 "same"; optional mask (held states, repeated output) and reversed processing.
/// </summary>
internal static class ConvLstmReference
{
    public static (Tensor Sequence, Tensor H, Tensor C) Run(Tensor x, Tensor kernel, Tensor recurrent, Tensor bias,
        int[] strides, string padding, int[] dilation, bool goBackwards = false, bool[,]? mask = null)
    {
        var dims = x.Shape;
        int b = dims[0], t = dims[1], n = dims.Length - 3, f = recurrent.Shape[^1] / 4;
        int step = x.Size / (b * t);
        var xs = x.ToArray();
        Tensor? h = null, c = null;
        var outputs = new List<float[]>();
        float[]? previous = null;
        for (int k = 0; k < t; k++)
        {
            int time = goBackwards ? t - 1 - k : k;
            var xt = new float[b * step];
            for (int i = 0; i < b; i++) Array.Copy(xs, (i * t + time) * step, xt, i * step, step);
            var zx = NaiveConv.Conv(new Tensor(xt, [b, .. dims[2..]]), kernel, strides, padding, dilation);
            h ??= Tensor.Zeros([.. zx.Shape[..^1], f]);
            c ??= Tensor.Zeros(h.Shape);
            var zh = NaiveConv.Conv(h, recurrent, Enumerable.Repeat(1, n).ToArray(), "same", Enumerable.Repeat(1, n).ToArray()).ToArray();
            var z = zx.ToArray();
            var (hv, cv) = (h.ToArray(), c.ToArray());
            var (hn, cn) = (new float[hv.Length], new float[cv.Length]);
            int positions = hv.Length / f, perSample = positions / b;
            for (int p = 0; p < positions; p++)
            {
                bool keep = mask is null || mask[p / perSample, time];
                for (int j = 0; j < f; j++)
                {
                    double Gate(int g) => z[p * 4 * f + g * f + j] + bias.AsReadOnlySpan()[g * f + j] + zh[p * 4 * f + g * f + j];
                    double ig = Sigmoid(Gate(0)), fg = Sigmoid(Gate(1)), gg = Math.Tanh(Gate(2)), og = Sigmoid(Gate(3));
                    double cNew = fg * cv[p * f + j] + ig * gg;
                    cn[p * f + j] = keep ? (float)cNew : cv[p * f + j];
                    hn[p * f + j] = keep ? (float)(og * Math.Tanh(cNew)) : hv[p * f + j];
                }
            }
            var output = (float[])hn.Clone();
            if (mask is not null)
                for (int p = 0; p < positions; p++)
                    if (!mask[p / perSample, time])
                        for (int j = 0; j < f; j++) output[p * f + j] = previous?[p * f + j] ?? 0f;
            previous = output;
            outputs.Add(output);
            (h, c) = (new Tensor(hn, h.Shape), new Tensor(cn, c.Shape));
        }
        int row = outputs[0].Length / b;
        var seq = new float[b * t * row];
        for (int s = 0; s < t; s++)
            for (int i = 0; i < b; i++) Array.Copy(outputs[s], i * row, seq, (i * t + s) * row, row);
        return (new Tensor(seq, [b, t, .. h!.Shape[1..]]), h, c!);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
