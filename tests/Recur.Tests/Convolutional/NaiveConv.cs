namespace Recur.Tests.Convolutional;

/// <summary>
/// Direct-loop reference convolution and max pooling, written from the padding rule of the spec (§5) alone, in double
/// precision and for any number of spatial axes: an independent check of the im2col kernels.
/// </summary>
internal static class NaiveConv
{
    /// <summary>Output length and padding before, per axis (TensorFlow's rule).</summary>
    public static (int Out, int Before) Axis(int n, int k, int s, int d, string padding)
    {
        int eff = (k - 1) * d + 1;
        return padding switch
        {
            "valid" => ((n - eff) / s + 1, 0),
            "same" => ((n + s - 1) / s, Math.Max(((n + s - 1) / s - 1) * s + eff - n, 0) / 2),
            "causal" => ((n + s - 1) / s, eff - 1),
            _ => throw new ArgumentException(padding),
        };
    }

    public static Tensor Conv(Tensor x, Tensor w, int[] s, string padding, int[] d)
    {
        var xd = x.Shape; var wd = w.Shape;
        int n = xd.Length - 2, c = xd[^1], f = wd[^1];
        var axes = Enumerable.Range(0, n).Select(a => Axis(xd[1 + a], wd[a], s[a], d[a], padding)).ToArray();
        int[] outDims = [xd[0], .. axes.Select(a => a.Out), f];
        var y = new float[outDims.Aggregate(1, (p, v) => p * v)];
        var xv = x.ToArray(); var wv = w.ToArray();
        var o = new int[n]; var k = new int[n];
        for (int b = 0; b < xd[0]; b++)
            foreach (var _ in Each(outDims[1..^1], o))
                for (int fo = 0; fo < f; fo++)
                {
                    double acc = 0;
                    foreach (var __ in Each(wd[..n], k))
                    {
                        int xi = b; bool inside = true;
                        for (int a = 0; a < n; a++)
                        {
                            int p = o[a] * s[a] - axes[a].Before + k[a] * d[a];
                            inside &= p >= 0 && p < xd[1 + a];
                            xi = xi * xd[1 + a] + p;
                        }
                        if (!inside) continue;
                        int wi = 0;
                        for (int a = 0; a < n; a++) wi = wi * wd[a] + k[a];
                        for (int ci = 0; ci < c; ci++) acc += (double)xv[xi * c + ci] * wv[(wi * c + ci) * f + fo];
                    }
                    int yi = b;
                    for (int a = 0; a < n; a++) yi = yi * outDims[1 + a] + o[a];
                    y[yi * f + fo] = (float)acc;
                }
        return new Tensor(y, outDims);
    }

    public static Tensor MaxPool(Tensor x, int[] pool, int[] s, string padding)
    {
        var xd = x.Shape;
        int n = xd.Length - 2, c = xd[^1];
        var axes = Enumerable.Range(0, n).Select(a => Axis(xd[1 + a], pool[a], s[a], 1, padding)).ToArray();
        int[] outDims = [xd[0], .. axes.Select(a => a.Out), c];
        var y = new float[outDims.Aggregate(1, (p, v) => p * v)];
        var xv = x.ToArray(); var o = new int[n]; var k = new int[n];
        for (int b = 0; b < xd[0]; b++)
            foreach (var _ in Each(outDims[1..^1], o))
                for (int ci = 0; ci < c; ci++)
                {
                    float best = float.NegativeInfinity;
                    foreach (var __ in Each(pool, k))
                    {
                        int xi = b; bool inside = true;
                        for (int a = 0; a < n; a++)
                        {
                            int p = o[a] * s[a] - axes[a].Before + k[a];
                            inside &= p >= 0 && p < xd[1 + a];
                            xi = xi * xd[1 + a] + p;
                        }
                        if (inside) best = Math.Max(best, xv[xi * c + ci]);
                    }
                    int yi = b;
                    for (int a = 0; a < n; a++) yi = yi * outDims[1 + a] + o[a];
                    y[yi * c + ci] = best;
                }
        return new Tensor(y, outDims);
    }

    /// <summary>Iterates <paramref name="index"/> over every multi-index of <paramref name="dims"/> in row-major order.</summary>
    private static IEnumerable<int> Each(int[] dims, int[] index)
    {
        Array.Clear(index);
        int total = dims.Aggregate(1, (p, v) => p * v);
        for (int i = 0; i < total; i++)
        {
            int r = i;
            for (int a = dims.Length - 1; a >= 0; a--) { index[a] = r % dims[a]; r /= dims[a]; }
            yield return i;
        }
    }
}
