using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Stand-ins for the default initializers of the recurrent layers (<c>glorot_uniform</c>, <c>orthogonal</c>), registered
/// only when the initializer branch has not registered its own. Remove once that branch is merged.
/// </summary>
internal static class TemporaryInitializers
{
    public static void RegisterMissing()
    {
        if (KerasRegistry.Initializer("GlorotUniform") is null)
            KerasRegistry.RegisterInitializer("GlorotUniform", c => ConfigBinder.Construct<GlorotUniformStandIn>(c, "GlorotUniform"));
        if (KerasRegistry.Initializer("Orthogonal") is null)
            KerasRegistry.RegisterInitializer("Orthogonal", c => ConfigBinder.Construct<OrthogonalStandIn>(c, "Orthogonal"));
    }

    private static (int FanIn, int FanOut) Fans(int[] shape) => shape.Length switch
    {
        0 => (1, 1),
        1 => (shape[0], shape[0]),
        2 => (shape[0], shape[1]),
        _ => (shape[^2] * Shapes.Size(shape.AsSpan(0, shape.Length - 2)), shape[^1] * Shapes.Size(shape.AsSpan(0, shape.Length - 2))),
    };

    /// <summary>Uniform on ±sqrt(6 / (fan_in + fan_out)). Keras: <c>GlorotUniform</c>.</summary>
    internal sealed class GlorotUniformStandIn(int? seed = null) : Initializer
    {
        // Keras draws the seed at construction, so one object repeats its values.
        private readonly int _seed = seed ?? Random.Shared.Next();

        public override string KerasClassName => "GlorotUniform";

        public override Tensor Generate(int[] shape)
        {
            var (fanIn, fanOut) = Fans(shape);
            double limit = Math.Sqrt(6.0 / Math.Max(1, fanIn + fanOut));
            var rng = new Random(_seed);
            var data = new float[Shapes.Size(shape)];
            for (int i = 0; i < data.Length; i++) data[i] = (float)((rng.NextDouble() * 2 - 1) * limit);
            return new Tensor(data, shape);
        }

        public override JsonObject GetConfig() => new() { ["seed"] = seed };
    }

    /// <summary>An orthogonal matrix (QR of a normal one, signs fixed by R's diagonal) times <c>gain</c>. Keras: <c>Orthogonal</c>.</summary>
    internal sealed class OrthogonalStandIn(float gain = 1f, int? seed = null) : Initializer
    {
        private readonly int _seed = seed ?? Random.Shared.Next();

        public override string KerasClassName => "Orthogonal";

        public override Tensor Generate(int[] shape)
        {
            if (shape.Length < 2)
                throw new ArgumentException($"Orthogonal: expected a shape of rank 2 or more; received {Shapes.Format(shape)}.");
            int cols = shape[^1], rows = Shapes.Size(shape) / Math.Max(1, cols);
            int n = Math.Max(rows, cols), m = Math.Min(rows, cols);
            var rng = new Random(_seed);
            // Columns of an n×m normal matrix, orthonormalised by modified Gram–Schmidt (= Q of QR with R's diagonal > 0).
            var q = new double[m][];
            for (int j = 0; j < m; j++)
            {
                var v = new double[n];
                for (int i = 0; i < n; i++) v[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[p][i] * v[i];
                    for (int i = 0; i < n; i++) v[i] -= dot * q[p][i];
                }
                double norm = Math.Sqrt(v.Sum(e => e * e));
                for (int i = 0; i < n; i++) v[i] /= norm;
                q[j] = v;
            }
            var data = new float[rows * cols];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    data[r * cols + c] = (float)(gain * (rows >= cols ? q[c][r] : q[r][c]));
            return new Tensor(data, shape);
        }

        public override JsonObject GetConfig() => new() { ["seed"] = seed, ["gain"] = gain };
    }
}
