namespace Recur;

public static partial class Ops
{
    /// <summary>
    /// Channels-last max pooling over 1, 2 or 3 spatial axes: <c>x [B, *spatial, C]</c> → <c>[B, *out, C]</c>, the
    /// maximum of each window per channel. Null <paramref name="strides"/> means the pool size (Keras's default).
    /// Keras: <c>keras.ops.max_pool</c>.
    /// </summary>
    /// <remarks>
    /// Output sizes follow <see cref="Padding"/> (valid or same; with same, padded positions never take part, as in
    /// TensorFlow, and every window holds at least one input position). The gradient goes to the first position that
    /// holds the window's maximum.
    /// </remarks>
    public static Tensor MaxPool(Tensor x, int[] poolSize, int[]? strides = null, Padding padding = Padding.Valid)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(poolSize);
        if (padding == Padding.Causal)
            throw new ArgumentException("MaxPool: padding must be 'valid' or 'same'; received 'causal'.", nameof(padding));
        var g = new ConvGeometry("MaxPool", x.Dims, poolSize, strides ?? poolSize, null, padding);
        int c = g.Channels;
        var dims = g.OutputDims.ToArray();
        dims[^1] = c;
        var y = Tensor.Empty(dims);
        var from = new int[y.Size];
        var xs = x.Data;
        int o = 0;
        for (int b = 0; b < g.Batch; b++)
        for (int od = 0; od < g.Out[0]; od++)
        for (int oh = 0; oh < g.Out[1]; oh++)
        for (int ow = 0; ow < g.Out[2]; ow++, o += c)
        {
            from.AsSpan(o, c).Fill(-1);
            for (int kd = 0; kd < g.K[0]; kd++)
            {
                int id = od * g.S[0] - g.Pad[0] + kd;
                if ((uint)id >= (uint)g.In[0]) continue;
                for (int kh = 0; kh < g.K[1]; kh++)
                {
                    int ih = oh * g.S[1] - g.Pad[1] + kh;
                    if ((uint)ih >= (uint)g.In[1]) continue;
                    for (int kw = 0; kw < g.K[2]; kw++)
                    {
                        int iw = ow * g.S[2] - g.Pad[2] + kw;
                        if ((uint)iw >= (uint)g.In[2]) continue;
                        int src = (((b * g.In[0] + id) * g.In[1] + ih) * g.In[2] + iw) * c;
                        for (int ch = 0; ch < c; ch++)
                        {
                            // Strictly greater keeps the first maximum; NaN wins like TensorFlow's max propagates it.
                            float v = xs[src + ch];
                            if (from[o + ch] < 0 || v > y.Data[o + ch] || float.IsNaN(v))
                            {
                                y.Data[o + ch] = v;
                                from[o + ch] = src + ch;
                            }
                        }
                    }
                }
            }
        }
        return Autograd.Record("MaxPool", y, static (node, grad) =>
        {
            var index = (int[])node.Saved!;
            var dx = Tensor.Empty(node.Inputs[0].Dims);
            var gs = grad.Data;
            for (int i = 0; i < index.Length; i++) dx.Data[index[i]] += gs[i];
            return [dx];
        }, [x], from);
    }
}
