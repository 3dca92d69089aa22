using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>A (semi-)orthogonal matrix. Keras: <c>keras.initializers.Orthogonal</c> (written <c>OrthogonalInitializer</c> by Keras 3.0–3.3).</summary>
/// <remarks>
/// <c>rows = Π shape[..−1]</c>, <c>cols = shape[−1]</c>. Draw A ~ N(0, 1) of shape <c>(max(rows, cols), min(rows, cols))</c>,
/// factor <c>A = QR</c>, multiply column j of Q by <c>sign(R[j, j])</c>, transpose when <c>rows &lt; cols</c>, multiply by
/// <c>gain</c> and reshape. The result has orthonormal columns (tall) or rows (wide). Rank &lt; 2 is an error.
/// </remarks>
public sealed class Orthogonal(double gain = 1.0, int? seed = null) : RandomInitializer(seed)
{
    public double Gain { get; } = gain;

    public override string KerasClassName => "Orthogonal";

    public override Tensor Generate(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < 2)
            throw new ArgumentException(
                $"The tensor to initialize must be at least two-dimensional. Received: shape={Shapes.Format(shape)} of rank {shape.Length}.", nameof(shape));
        int rows = Shapes.Size(shape.AsSpan(0, shape.Length - 1)), cols = shape[^1];
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var stream = NewStream();
        var a = new double[m, n];
        // Row-major draw order, as a (m, n) normal tensor is filled.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) a[i, j] = stream.NextNormal();
        var q = QrSignFixedQ(a);

        var result = Tensor.Zeros(shape);
        var data = result.AsSpan();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                // Tall: element (i, j) of Q; wide: element (j, i) of Qᵀ, i.e. Q[i, j] lands at row j, column i.
                int offset = rows >= cols ? i * cols + j : j * cols + i;
                data[offset] = (float)(Gain * q[i, j]);
            }
        return result;
    }

    /// <summary>
    /// The thin Q of a Householder QR of the m×n matrix <paramref name="a"/> (m ≥ n), each column multiplied by the sign of
    /// R's diagonal entry (NumPy sign: 0 for 0). That product is the unique Q whose R has a non-negative diagonal, so the
    /// result does not depend on the reflector sign convention of the factorization.
    /// </summary>
    internal static double[,] QrSignFixedQ(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var r = (double[,])a.Clone();
        var reflectors = new double[n][];
        for (int k = 0; k < n; k++)
        {
            double norm = 0;
            for (int i = k; i < m; i++) norm += r[i, k] * r[i, k];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue; // a zero column needs no reflection (and gets sign 0 below)
            // v = x − α e₁ with α = −sign(x₀)‖x‖, which avoids cancellation; then H = I − 2vvᵀ/vᵀv.
            double alpha = r[k, k] >= 0 ? -norm : norm;
            var v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = r[i, k];
            v[0] -= alpha;
            double vv = 0;
            foreach (double e in v) vv += e * e;
            for (int j = k; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * r[i, j];
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) r[i, j] -= f * v[i - k];
            }
            for (int i = k; i < m; i++) v[i - k] /= Math.Sqrt(vv);
            reflectors[k] = v;
        }

        // Q = H₀H₁…Hₙ₋₁ applied to the first n columns of the identity, last reflector first.
        var q = new double[m, n];
        for (int j = 0; j < n; j++) q[j, j] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            if (reflectors[k] is not { } v) continue;
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * q[i, j];
                for (int i = k; i < m; i++) q[i, j] -= 2 * dot * v[i - k];
            }
        }
        for (int j = 0; j < n; j++)
        {
            double sign = Math.Sign(r[j, j]);
            for (int i = 0; i < m; i++) q[i, j] *= sign;
        }
        return q;
    }

    /// <summary>Keras order: <c>seed</c>, <c>gain</c>.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["gain"] = Gain;
        return config;
    }
}
