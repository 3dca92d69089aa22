using Recur;

namespace Recur.Tests.TestKit;

/// <summary>
/// Central finite differences against autograd. The checked scalar is <c>Σ f(inputs) ⊙ r</c> with a fixed random
/// <c>r</c>, so every output element contributes with a distinct weight.
/// </summary>
public static class GradCheck
{
    /// <summary>Asserts d(Σ f⊙r)/d(input) from Backward equals central differences for every input, element by element.</summary>
    public static void Assert(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double atol = 1e-3, double rtol = 1e-2, int seed = 7)
    {
        foreach (var x in inputs) { x.RequiresGrad = true; x.ZeroGrad(); }
        var y = f(inputs);
        var r = Random(y.Shape, seed);
        var loss = Ops.Sum(y * r);
        loss.Backward();

        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var data = x.AsSpan();
            var analytic = x.Grad?.ToArray() ?? new float[x.Size];
            for (int i = 0; i < x.Size; i++)
            {
                float saved = data[i];
                data[i] = (float)(saved + eps);
                double plus = Objective(f, inputs, r);
                data[i] = (float)(saved - eps);
                double minus = Objective(f, inputs, r);
                data[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double diff = Math.Abs(numeric - analytic[i]);
                if (diff > atol + rtol * Math.Abs(numeric))
                    throw new Xunit.Sdk.XunitException(
                        $"Gradient of input {k} (shape {Shapes.Format(x.Shape)}) at flat index {i}: autograd {analytic[i]}, finite differences {numeric} (|diff| {diff}).");
            }
        }
    }

    private static double Objective(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor r)
    {
        using var _ = Autograd.NoGrad();
        var y = f(inputs).AsReadOnlySpan();
        var rs = r.AsReadOnlySpan();
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += (double)y[i] * rs[i];
        return s;
    }

    /// <summary>A reproducible tensor of values in [-1, 1).</summary>
    public static Tensor Random(int[] shape, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var data = new float[Shapes.Size(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return new Tensor(data, shape);
    }
}
