namespace Recur.Tests.Layers.Recurrent;

/// <summary>
/// An independent double-precision re-implementation of the Keras cell equations and of the masked recurrence (spec
/// §2.5, §3.1–§3.3), written from the spec with plain arrays, to pin gate order and mask rules.
/// </summary>
internal static class RecurrentReference
{
    /// <summary>One step: (x_t, states) → (output, new states); all <c>[B][n]</c>.</summary>
    public delegate (double[][] Output, double[][][] States) StepFn(double[][] x, double[][][] states);

    public static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary><c>a·W</c> for <c>a [B][n]</c>, <c>W [n, m]</c> row-major, columns <c>[c0, c0+width)</c> of W.</summary>
    public static double[][] MatMul(double[][] a, float[] w, int m, int c0 = 0, int width = -1)
    {
        width = width < 0 ? m : width;
        return a.Select(row =>
        {
            var r = new double[width];
            for (int j = 0; j < width; j++)
                for (int k = 0; k < row.Length; k++) r[j] += row[k] * w[k * m + c0 + j];
            return r;
        }).ToArray();
    }

    private static double[][] Map(double[][] a, double[][] b, Func<double, double, double> f) =>
        a.Select((row, i) => row.Select((v, j) => f(v, b[i][j])).ToArray()).ToArray();

    private static double[][] AddBias(double[][] a, float[]? bias, int offset) =>
        bias is null ? a : a.Select(row => row.Select((v, j) => v + bias[offset + j]).ToArray()).ToArray();

    private static double[][] Apply(double[][] a, Func<double, double> f) => a.Select(r => r.Select(f).ToArray()).ToArray();

    public static StepFn SimpleRnn(float[] kernel, float[] recurrent, float[]? bias, int units) => (x, s) =>
    {
        var h = Apply(Map(AddBias(MatMul(x, kernel, units), bias, 0), MatMul(s[0], recurrent, units), (a, b) => a + b), Math.Tanh);
        return (h, [h]);
    };

    public static StepFn Lstm(float[] kernel, float[] recurrent, float[]? bias, int units) => (x, s) =>
    {
        int g = 4 * units;
        double[][] Z(int k) => AddBias(Map(MatMul(x, kernel, g, k * units, units), MatMul(s[0], recurrent, g, k * units, units), (a, b) => a + b), bias, k * units);
        var i = Apply(Z(0), Sigmoid);
        var f = Apply(Z(1), Sigmoid);
        var cand = Apply(Z(2), Math.Tanh);
        var o = Apply(Z(3), Sigmoid);
        var c = Map(Map(f, s[1], (a, b) => a * b), Map(i, cand, (a, b) => a * b), (a, b) => a + b);
        var h = Map(o, Apply(c, Math.Tanh), (a, b) => a * b);
        return (h, [h, c]);
    };

    /// <summary>GRU; <paramref name="bias"/> is <c>[2, 3U]</c> flattened when <paramref name="resetAfter"/>, else <c>[3U]</c>.</summary>
    public static StepFn Gru(float[] kernel, float[] recurrent, float[]? bias, int units, bool resetAfter) => (x, s) =>
    {
        int g = 3 * units;
        var h = s[0];
        double[][] X(int k) => AddBias(MatMul(x, kernel, g, k * units, units), bias, k * units);
        double[][] H(int k, double[][] v) => resetAfter ? AddBias(MatMul(v, recurrent, g, k * units, units), bias, g + k * units) : MatMul(v, recurrent, g, k * units, units);
        var z = Apply(Map(X(0), H(0, h), (a, b) => a + b), Sigmoid);
        var r = Apply(Map(X(1), H(1, h), (a, b) => a + b), Sigmoid);
        var recurrentH = resetAfter ? Map(r, H(2, h), (a, b) => a * b) : H(2, Map(r, h, (a, b) => a * b));
        var cand = Apply(Map(X(2), recurrentH, (a, b) => a + b), Math.Tanh);
        var hNew = Map(Map(z, h, (a, b) => a * b), Map(z, cand, (zz, c) => (1 - zz) * c), (a, b) => a + b);
        return (hNew, [hNew]);
    };

    /// <summary>
    /// The recurrence of spec §2.5 with the TF rule: at a masked step the output is the previous output (zeros first) or
    /// zeros, and every state is held. Returns the outputs in processing order and the final states.
    /// </summary>
    public static (double[][][] Outputs, double[][][] States) Run(StepFn step, Tensor x, double[][][] initial, bool[,]? mask = null,
        bool goBackwards = false, bool zeroOutputForMask = false)
    {
        int b = x.Shape[0], t = x.Shape[1], d = x.Shape[2];
        var data = x.ToArray();
        var states = initial;
        double[][]? prev = null;
        var outputs = new List<double[][]>();
        for (int k = 0; k < t; k++)
        {
            int ti = goBackwards ? t - 1 - k : k;
            var xt = Enumerable.Range(0, b).Select(i => Enumerable.Range(0, d).Select(j => (double)data[(i * t + ti) * d + j]).ToArray()).ToArray();
            var (o, ns) = step(xt, states);
            if (mask is not null)
            {
                var zeros = o.Select(r => new double[r.Length]).ToArray();
                var fallback = zeroOutputForMask ? zeros : prev ?? zeros;
                o = o.Select((row, i) => mask[i, ti] ? row : fallback[i]).ToArray();
                ns = ns.Select((s, si) => s.Select((row, i) => mask[i, ti] ? row : states[si][i]).ToArray()).ToArray();
            }
            prev = o;
            states = ns;
            outputs.Add(o);
        }
        return (outputs.ToArray(), states);
    }

    public static double[][][] Zeros(int batch, params int[] sizes) => sizes.Select(n => Enumerable.Range(0, batch).Select(_ => new double[n]).ToArray()).ToArray();

    /// <summary>Asserts a <c>[B, n]</c> tensor equals a reference within <paramref name="tol"/>.</summary>
    public static void AssertClose(double[][] expected, Tensor actual, double tol = 2e-6)
    {
        Assert.Equal([expected.Length, expected[0].Length], actual.Shape);
        var a = actual.ToArray();
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected[i].Length; j++)
                Assert.True(Math.Abs(a[i * expected[i].Length + j] - expected[i][j]) <= tol + tol * Math.Abs(expected[i][j]),
                    $"[{i},{j}]: expected {expected[i][j]}, received {a[i * expected[i].Length + j]}");
    }

    /// <summary>Asserts a <c>[B, T, n]</c> tensor equals reference outputs listed per step.</summary>
    public static void AssertSequence(double[][][] expected, Tensor actual, double tol = 2e-6)
    {
        int b = actual.Shape[0], t = actual.Shape[1], n = actual.Shape[2];
        Assert.Equal(expected.Length, t);
        for (int s = 0; s < t; s++)
        {
            var step = new Tensor(Enumerable.Range(0, b).SelectMany(i => actual.ToArray().AsSpan((i * t + s) * n, n).ToArray()).ToArray(), b, n);
            AssertClose(expected[s], step, tol);
        }
    }

    /// <summary>A reproducible <c>[rows, cols]</c> array with distinct entries (non-symmetric weights).</summary>
    public static float[] Values(int count, int seed, float scale = 0.5f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
    }
}
