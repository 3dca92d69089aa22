using Recur;

namespace Recur.Tests.TestKit;

/// <summary>Plain double-precision reference loops and input builders for forward-value tests.</summary>
public static class Reference
{
    /// <summary><paramref name="dims"/> viewed as <c>[outer, dims[axis], inner]</c> (axis may be negative).</summary>
    public static (int Outer, int N, int Inner) AroundAxis(int[] dims, int axis)
    {
        int a = axis < 0 ? axis + dims.Length : axis;
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= dims[i];
        for (int i = a + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[a], inner);
    }

    /// <summary>Applies <paramref name="f"/> to every line along <paramref name="axis"/> (as doubles) and writes the results back in place.</summary>
    public static float[] MapLines(Tensor x, int axis, Func<double[], double[]> f)
    {
        var (outer, n, inner) = AroundAxis(x.Shape, axis);
        var src = x.ToArray();
        var dst = new float[src.Length];
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < inner; j++)
            {
                var line = new double[n];
                for (int i = 0; i < n; i++) line[i] = src[(o * n + i) * inner + j];
                var r = f(line);
                for (int i = 0; i < n; i++) dst[(o * n + i) * inner + j] = (float)r[i];
            }
        return dst;
    }

    /// <summary>Distinct values (a shuffled grid with spacing 0.1) so that arg-max ties and kinks stay far from finite-difference steps.</summary>
    public static Tensor Distinct(int[] shape, int seed)
    {
        int size = Shapes.Size(shape);
        var values = Enumerable.Range(0, size).Select(i => (i - size / 2) * 0.1f).ToArray();
        new Random(seed).Shuffle(values);
        return new Tensor(values, shape);
    }

    /// <summary>Values on the grid <c>k·0.1 + offset</c>, k in [-10, 10].</summary>
    public static Tensor Grid(int[] shape, int seed, float offset)
    {
        var rng = new Random(seed);
        var data = new float[Shapes.Size(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.Next(-10, 11) * 0.1f + offset;
        return new Tensor(data, shape);
    }

    /// <summary>Asserts element-wise closeness with a message naming the first differing flat index.</summary>
    public static void Close(float[] expected, float[] actual, double tol = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i]) ? float.IsNaN(actual[i])
                : float.IsInfinity(expected[i]) ? expected[i] == actual[i]
                : Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i]));
            if (!same) throw new Xunit.Sdk.XunitException($"Flat index {i}: expected {expected[i]}, actual {actual[i]}.");
        }
    }
}
