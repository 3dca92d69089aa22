using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers;

public sealed class ActivationTests
{
    private static readonly float[] Inputs = [-30f, -7.5f, -3f, -2.2f, -1f, -0.4f, -1e-3f, 0f, 2e-4f, 0.3f, 1f, 2.5f, 3f, 5.9f, 6.5f, 12f, 40f];

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>erf by Simpson's rule on 2/√π ∫₀ˣ e^(−t²) dt: a reference independent of the library's series.</summary>
    private static double Erf(double x)
    {
        const int n = 20000;
        double h = x / n, s = 1 + Math.Exp(-x * x);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * Math.Exp(-(i * h) * (i * h));
        return 2 / Math.Sqrt(Math.PI) * s * h / 3;
    }

    public static TheoryData<string, Func<double, double>> ElementWise => new()
    {
        { "linear", x => x },
        { "tanh", Math.Tanh },
        { "sigmoid", Sigmoid },
        { "hard_sigmoid", x => Math.Clamp(x / 6 + 0.5, 0, 1) },
        { "relu", x => Math.Max(x, 0) },
        { "elu", x => x > 0 ? x : Math.Exp(x) - 1 },
        { "selu", x => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.Exp(x) - 1)) },
        { "softplus", Softplus },
        { "softsign", x => x / (Math.Abs(x) + 1) },
        { "silu", x => x * Sigmoid(x) },
        { "swish", x => x * Sigmoid(x) },
        { "gelu", x => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))) },
        { "exponential", Math.Exp },
        { "leaky_relu", x => x >= 0 ? x : 0.2 * x },
        { "relu6", x => Math.Clamp(x, 0, 6) },
        { "mish", x => x * Math.Tanh(Softplus(x)) },
        { "hard_silu", x => x * Math.Clamp(x / 6 + 0.5, 0, 1) },
        { "hard_swish", x => x * Math.Clamp(x / 6 + 0.5, 0, 1) },
    };

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void ElementWiseActivation_MatchesDoubleReference(string name, Func<double, double> reference)
    {
        var inputs = name == "exponential" ? Inputs.Where(v => v < 20).ToArray() : Inputs;
        var y = ActivationFunction.Get(name).Apply(new Tensor(inputs, 1, inputs.Length)).ToArray();
        for (int i = 0; i < inputs.Length; i++)
        {
            double expected = reference(inputs[i]);
            // A few float ulps, and an absolute floor for results near zero reached by cancellation (eˣ − 1). Mish
            // multiplies x by tanh of a tiny softplus for very negative x, where the vectorized tanh is only accurate to
            // about 6e-8 absolute, so its floor scales with |x|.
            double tol = 4e-7 * Math.Abs(expected) + 2e-7 + (name == "mish" ? 1e-7 * Math.Abs(inputs[i]) : 0);
            Assert.True(Math.Abs(y[i] - expected) <= tol, $"{name}({inputs[i]}) = {y[i]}; expected {expected}.");
        }
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("log_softmax")]
    public void Softmax_NormalizesOverTheLastAxis(string name)
    {
        var x = new Tensor([1f, 2f, 3f, -1f, 0f, 1000f, 1001f, 999f, -5f, -5f, -5f, -5f], 3, 4);
        var y = ActivationFunction.Get(name).Apply(x).ToArray();
        var xs = x.ToArray();
        for (int r = 0; r < 3; r++)
        {
            var row = xs.Skip(r * 4).Take(4).Select(v => (double)v).ToArray();
            double max = row.Max(), lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            for (int c = 0; c < 4; c++)
            {
                double expected = name == "softmax" ? Math.Exp(row[c] - lse) : row[c] - lse;
                Assert.True(Math.Abs(y[r * 4 + c] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{name}[{r},{c}] = {y[r * 4 + c]}; expected {expected}.");
            }
        }
    }

    [Fact]
    public void Softmax_RejectsAScalar() =>
        Assert.Throws<ArgumentException>(() => ActivationFunction.Softmax.Apply(Tensor.Scalar(1f)));

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("elu")]
    [InlineData("selu")]
    [InlineData("softplus")]
    [InlineData("softsign")]
    [InlineData("silu")]
    [InlineData("gelu")]
    [InlineData("exponential")]
    [InlineData("mish")]
    [InlineData("softmax")]
    [InlineData("log_softmax")]
    public void SmoothActivation_GradientMatchesFiniteDifferences(string name) =>
        GradCheck.Assert(t => ActivationFunction.Get(name).Apply(t[0]), [GradCheck.Random([3, 5], 11, 3f)]);

    [Theory]
    [InlineData("relu")]
    [InlineData("hard_sigmoid")]
    [InlineData("leaky_relu")]
    [InlineData("relu6")]
    [InlineData("hard_silu")]
    [InlineData("linear")]
    public void PiecewiseActivation_GradientMatchesFiniteDifferencesAwayFromKinks(string name)
    {
        // Kinks at 0, ±3 and 6 are avoided: the derivative jumps there.
        var x = new Tensor([-7f, -4f, -2.5f, -0.6f, 0.7f, 2.2f, 4.5f, 5.2f, 6.8f, 9f], 2, 5);
        GradCheck.Assert(t => ActivationFunction.Get(name).Apply(t[0]), [x], eps: 1e-3);
    }

    [Fact]
    public void StringConvertsImplicitly()
    {
        ActivationFunction a = "relu";
        Assert.Same(ActivationFunction.Relu, a);
        Assert.Equal(ActivationKind.Relu, a.Kind);
    }

    [Fact]
    public void NullOrEmptyNameIsLinear()
    {
        Assert.Same(ActivationFunction.Linear, ActivationFunction.Get(null));
        Assert.Same(ActivationFunction.Linear, ActivationFunction.Get(""));
        Assert.Same(ActivationFunction.Linear, ActivationFunction.FromConfig(null));
    }

    [Fact]
    public void UnknownName_ErrorListsKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationFunction.Get("relu7"));
        Assert.Contains("'relu7'", e.Message);
        foreach (var known in new[] { "gelu", "hard_silu", "log_softmax", "relu6", "softmax", "swish", "tanh" })
            Assert.Contains(known, e.Message);
    }

    [Fact]
    public void EveryKindExceptCustom_HasOneBuiltIn()
    {
        var kinds = ActivationFunction.KnownNames.Select(n => ActivationFunction.Get(n).Kind).ToHashSet();
        var expected = Enum.GetValues<ActivationKind>().Where(k => k != ActivationKind.Custom);
        Assert.All(expected, k => Assert.Contains(k, kinds));
    }

    [Theory]
    [InlineData("swish", "silu")]
    [InlineData("hard_swish", "hard_silu")]
    public void Alias_SerializesUnderTheCanonicalName(string alias, string canonical)
    {
        var a = ActivationFunction.Get(alias);
        Assert.Same(ActivationFunction.Get(canonical), a);
        Assert.Equal(canonical, a.ToConfig().GetValue<string>());
    }

    [Fact]
    public void Config_RoundTripsEveryName()
    {
        foreach (var name in ActivationFunction.KnownNames)
        {
            var a = ActivationFunction.Get(name);
            var config = a.ToConfig();
            Assert.Equal(a.Name, config.GetValue<string>());
            Assert.Same(a, ActivationFunction.FromConfig(JsonNode.Parse(config.ToJsonString())));
        }
    }

    [Fact]
    public void FromConfig_ReadsSerializedFunctionObject()
    {
        var node = JsonNode.Parse("""{"module": "keras.activations", "class_name": "function", "config": "gelu", "registered_name": "function"}""");
        Assert.Same(ActivationFunction.Gelu, ActivationFunction.FromConfig(node));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("softmax")]
    public void SpanForm_IsBitIdenticalToTheTensorForm_InPlaceOrNot(string name)
    {
        var a = ActivationFunction.Get(name);
        Assert.True(a.HasSpanForm);
        var rng = new Random(7);
        foreach (int[] shape in new int[][] { [1, 1], [1, 5], [3, 1], [4, 7], [2, 3, 5], [3, 37], [1, 200] })
        {
            var data = new float[shape.Aggregate(1, (p, d) => p * d)];
            for (int i = 0; i < data.Length; i++) data[i] = (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 3)));
            data[0] = float.NegativeInfinity;
            var expected = a.Apply(new Tensor((float[])data.Clone(), shape)).ToArray();
            var y = new float[data.Length];
            a.Apply(data, y, shape[^1]);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));
            a.Apply(data, data, shape[^1]);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), data.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void SpanForm_IsMissing_ForFunctionsWithoutOne()
    {
        Assert.False(ActivationFunction.Gelu.HasSpanForm);
        Assert.False(ActivationFunction.HardSigmoid.HasSpanForm);
        Assert.False(ActivationFunction.Register("test_span_less", x => x * 3f).HasSpanForm);
    }

    [Fact]
    public void CustomActivation_RegistersAndResolvesByName()
    {
        var a = ActivationFunction.Register("test_double_it", x => x * 2f);
        Assert.Equal(ActivationKind.Custom, a.Kind);
        Assert.Same(a, ActivationFunction.Get("test_double_it"));
        Assert.Equal([2f, -4f], a.Apply(new Tensor([1f, -2f])).ToArray());
    }
}
