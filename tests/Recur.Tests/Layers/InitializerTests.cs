using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Tests.Layers;

public sealed class InitializerTests
{
    private static (double Mean, double Std) Stats(Tensor t)
    {
        var v = t.ToArray().Select(x => (double)x).ToArray();
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length));
    }

    [Fact]
    public void ConstantsFill()
    {
        Assert.All(new Zeros().Generate([2, 3]).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(new Ones().Generate([4]).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(new Constant(0.25f).Generate([2, 2, 2]).ToArray(), v => Assert.Equal(0.25f, v));
    }

    public static TheoryData<string> RandomNames => new()
    {
        "random_normal", "random_uniform", "truncated_normal", "variance_scaling", "glorot_uniform", "glorot_normal",
        "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal",
    };

    [Theory]
    [MemberData(nameof(RandomNames))]
    public void SeedSemantics_FollowKeras3(string name)
    {
        int[] shape = [7, 5];
        var a = Initializer.Get(name);
        // Same object → same values on every call (a seed was drawn at construction).
        Assert.Equal(a.Generate(shape).ToArray(), a.Generate(shape).ToArray());
        // Another object → other values.
        Assert.NotEqual(a.Generate(shape).ToArray(), Initializer.Get(name).Generate(shape).ToArray());
        // Explicit seed → reproducible across objects, and the config keeps it.
        var config = Initializer.Get(name).ToConfig();
        config["config"]!["seed"] = 1234;
        var s1 = Initializer.FromConfig(config);
        var s2 = Initializer.FromConfig(config.DeepClone());
        Assert.Equal(s1.Generate(shape).ToArray(), s2.Generate(shape).ToArray());
        Assert.Equal(1234, s1.GetConfig()["seed"]!.GetValue<int>());
        Assert.Null(a.GetConfig()["seed"]);
    }

    [Fact]
    public void RandomNormal_HasRequestedMoments()
    {
        var (mean, std) = Stats(new RandomNormal(0.5, 2.0, seed: 1).Generate([200, 200]));
        Assert.Equal(0.5, mean, 0.03);
        Assert.Equal(2.0, std, 0.03);
    }

    [Fact]
    public void RandomUniform_StaysInBoundsWithUniformMoments()
    {
        var t = new RandomUniform(-1, 3, seed: 2).Generate([200, 200]);
        Assert.All(t.ToArray(), v => Assert.InRange(v, -1f, 3f));
        var (mean, std) = Stats(t);
        Assert.Equal(1.0, mean, 0.03);
        Assert.Equal(4 / Math.Sqrt(12), std, 0.03);
    }

    [Fact]
    public void TruncatedNormal_ResamplesBeyondTwoStddevs()
    {
        var t = new TruncatedNormal(1, 0.5, seed: 3).Generate([200, 200]);
        Assert.All(t.ToArray(), v => Assert.InRange(v, 0f, 2f));
        var (mean, std) = Stats(t);
        Assert.Equal(1.0, mean, 0.01);
        Assert.Equal(0.5 * 0.87962566103423978, std, 0.01);
    }

    [Fact]
    public void Defaults_MatchKeras()
    {
        var n = new RandomNormal();
        Assert.Equal((0.0, 0.05), (n.Mean, n.Stddev));
        var u = new RandomUniform();
        Assert.Equal((-0.05, 0.05), (u.Minval, u.Maxval));
        var v = new VarianceScaling();
        Assert.Equal((1.0, "fan_in", "truncated_normal"), (v.Scale, v.Mode, v.Distribution));
        Assert.Equal(1.0, new Orthogonal().Gain);
    }

    [Theory]
    [InlineData(new int[0], 1, 1)]
    [InlineData(new[] { 7 }, 7, 7)]
    [InlineData(new[] { 3, 5 }, 3, 5)]
    [InlineData(new[] { 3, 4, 5 }, 12, 15)]
    [InlineData(new[] { 2, 3, 4, 5 }, 24, 30)]
    public void Fans_FollowTheKerasRule(int[] shape, long fanIn, long fanOut) =>
        Assert.Equal((fanIn, fanOut), VarianceScaling.ComputeFans(shape));

    [Fact]
    public void Fans_FromExplicitAxes()
    {
        Assert.Equal((20L, 3L), VarianceScaling.ComputeFans([4, 5, 3], inputAxes: [0, 1], outputAxes: [-1]));
        Assert.Equal((4L, 15L), VarianceScaling.ComputeFans([4, 5, 3], inputAxes: [0], outputAxes: [1, 2]));
    }

    [Theory]
    [InlineData("glorot_uniform", 6.0, true)]   // L = √(6/(in+out))
    [InlineData("he_uniform", 6.0, false)]      // L = √(6/in)
    [InlineData("lecun_uniform", 3.0, false)]   // L = √(3/in)
    public void UniformPresets_UseTheirLimit(string name, double numerator, bool fanSum)
    {
        int[] shape = [300, 200];
        double limit = Math.Sqrt(numerator / (fanSum ? 500 : 300));
        var t = Initializer.Get(name).Generate(shape);
        Assert.All(t.ToArray(), v => Assert.InRange(v, -limit, limit));
        var (mean, std) = Stats(t);
        Assert.Equal(0, mean, 0.002);
        Assert.Equal(limit / Math.Sqrt(3), std, 0.02 * limit);
    }

    [Theory]
    [InlineData("glorot_normal", 2.0 / 500)]
    [InlineData("he_normal", 2.0 / 300)]
    [InlineData("lecun_normal", 1.0 / 300)]
    public void NormalPresets_HaveTheirVarianceAfterTruncation(string name, double variance)
    {
        var t = Initializer.Get(name).Generate([300, 200]);
        double std = Math.Sqrt(variance);
        // Truncation at 2 of the pre-truncation stddev √var/0.8796.
        Assert.All(t.ToArray(), v => Assert.InRange(v, -2 * std / 0.87962566103423978, 2 * std / 0.87962566103423978));
        Assert.Equal(std, Stats(t).Std, 0.02 * std);
    }

    [Theory]
    [InlineData("fan_out", "untruncated_normal", 2.0, 1.0 / 200)]
    [InlineData("fan_avg", "uniform", 2.5, 1.0 / 250)]
    [InlineData("fan_in", "normal", 1.0, 1.0 / 300)]
    public void VarianceScaling_ScalesByMode(string mode, string distribution, double scale, double perUnit)
    {
        var t = new VarianceScaling(scale, mode, distribution, seed: 5).Generate([300, 200]);
        double std = Math.Sqrt(scale * perUnit);
        Assert.Equal(std, Stats(t).Std, 0.02 * std);
    }

    [Fact]
    public void VarianceScaling_ValidatesLikeKeras()
    {
        Assert.Contains("scale", Assert.Throws<ArgumentException>(() => new VarianceScaling(scale: 0)).Message);
        Assert.Contains("fan_sum", Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: "fan_sum")).Message);
        Assert.Contains("gamma", Assert.Throws<ArgumentException>(() => new VarianceScaling(distribution: "gamma")).Message);
        Assert.Equal("truncated_normal", new VarianceScaling(distribution: "Normal").Distribution);
    }

    [Theory]
    [InlineData(new[] { 6, 6 })]
    [InlineData(new[] { 9, 4 })]
    [InlineData(new[] { 4, 9 })]
    [InlineData(new[] { 2, 3, 5 })]
    [InlineData(new[] { 5, 2, 3 })]
    public void Orthogonal_IsOrthonormalForTallAndWide(int[] shape)
    {
        var t = new Orthogonal(gain: 1.5, seed: 7).Generate(shape);
        Assert.Equal(shape, t.Shape);
        int rows = shape[..^1].Aggregate(1, (a, b) => a * b), cols = shape[^1];
        var w = t.ToArray();
        // Tall: WᵀW = gain²·I (orthonormal columns); wide: WWᵀ = gain²·I (orthonormal rows).
        bool tall = rows >= cols;
        int k = Math.Min(rows, cols), len = Math.Max(rows, cols);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double dot = 0;
                for (int l = 0; l < len; l++)
                    dot += tall ? (double)w[l * cols + i] * w[l * cols + j] : (double)w[i * cols + l] * w[j * cols + l];
                Assert.Equal(i == j ? 2.25 : 0, dot, 1e-5);
            }
    }

    [Fact]
    public void Orthogonal_QrMatchesFactorizationWithPositiveDiagonal()
    {
        // A = QR with R's diagonal non-negative: Qᵀ A must be upper triangular with a positive diagonal.
        var a = new double[,] { { 2, -1, 0 }, { 1, 3, 1 }, { -2, 0.5, 4 }, { 0, 1, -1 } };
        var q = Orthogonal.QrSignFixedQ(a);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double r = 0;
                for (int l = 0; l < 4; l++) r += q[l, i] * a[l, j];
                if (i > j) Assert.Equal(0, r, 1e-12);
                if (i == j) Assert.True(r > 0);
            }
    }

    [Theory]
    [InlineData(40, 17)]
    [InlineData(23, 23)]
    [InlineData(70, 3)]
    public void Orthogonal_QrOfRandomMatrices_IsTheFactorizationWithPositiveDiagonal(int m, int n)
    {
        // QᵀQ = I and QᵀA upper triangular with a positive diagonal pin Q down uniquely (A has full column rank).
        var rng = new Random(m * 100 + n);
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) a[i, j] = rng.NextDouble() * 2 - 1;
        var q = Orthogonal.QrSignFixedQ(a);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double r = 0, g = 0;
                for (int l = 0; l < m; l++)
                {
                    r += q[l, i] * a[l, j];
                    g += q[l, i] * q[l, j];
                }
                Assert.Equal(i == j ? 1 : 0, g, 1e-12);
                if (i > j) Assert.Equal(0, r, 1e-12);
                if (i == j) Assert.True(r > 0, $"R[{i},{i}] = {r}");
            }
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 5 })]
    public void Orthogonal_RejectsRankBelowTwo(int[] shape) =>
        Assert.Contains("at least two-dimensional", Assert.Throws<ArgumentException>(() => new Orthogonal().Generate(shape)).Message);

    [Fact]
    public void Identity_IsScaledEyeFor2DOnly()
    {
        Assert.Equal(new float[] { 2, 0, 0, 0, 2, 0 }, new Identity(2).Generate([2, 3]).ToArray());
        Assert.Equal(new float[] { 1, 0, 0, 1, 0, 0 }, new Identity().Generate([3, 2]).ToArray());
        Assert.Throws<ArgumentException>(() => new Identity().Generate([2, 2, 2]));
    }

    [Fact]
    public void Configs_AreWhatKeras3Writes()
    {
        Assert.Equal("""{"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null,"input_axes":null,"output_axes":null},"registered_name":null}""",
            new GlorotUniform().ToConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"gain":1}""", new Orthogonal().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":3,"mean":0,"stddev":0.05}""", new RandomNormal(seed: 3).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"minval":-0.05,"maxval":0.05}""", new RandomUniform().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"scale":1,"mode":"fan_in","distribution":"truncated_normal","input_axes":null,"output_axes":null}""",
            new VarianceScaling().GetConfig().ToJsonString());
        Assert.Equal("""{"gain":1}""", new Identity().GetConfig().ToJsonString());
        Assert.Equal("{}", new Zeros().GetConfig().ToJsonString());
    }

    public static TheoryData<Initializer> AllClasses => new()
    {
        new Zeros(), new Ones(), new Constant(0.5f), new Identity(3), new RandomNormal(1, 2, 3), new RandomUniform(-1, 1, 4),
        new TruncatedNormal(0, 1, 5), new VarianceScaling(2, "fan_out", "uniform", 6, [0], [1]), new GlorotUniform(7),
        new GlorotNormal(), new HeUniform(), new HeNormal(8), new LecunUniform(), new LecunNormal(), new Orthogonal(2, 9),
    };

    [Theory]
    [MemberData(nameof(AllClasses))]
    public void Config_RoundTrips(Initializer init)
    {
        var config = init.ToConfig();
        var back = Initializer.FromConfig(JsonNode.Parse(config.ToJsonString()));
        Assert.IsType(init.GetType(), back);
        Assert.Equal(config.ToJsonString(), back.ToConfig().ToJsonString());
        if (init is not RandomInitializer { Seed: null })
            Assert.Equal(init.Generate([3, 4]).ToArray(), back.Generate([3, 4]).ToArray());
    }

    [Theory]
    [InlineData("zeros", typeof(Zeros))]
    [InlineData("ones", typeof(Ones))]
    [InlineData("identity", typeof(Identity))]
    [InlineData("orthogonal", typeof(Orthogonal))]
    [InlineData("glorot_uniform", typeof(GlorotUniform))]
    [InlineData("GlorotUniform", typeof(GlorotUniform))]
    [InlineData("he_normal", typeof(HeNormal))]
    [InlineData("uniform", typeof(RandomUniform))]
    [InlineData("normal", typeof(RandomNormal))]
    [InlineData("variance_scaling", typeof(VarianceScaling))]
    public void StringNames_Resolve(string name, Type type)
    {
        Initializer init = name;
        Assert.IsType(type, init);
        Assert.IsType(type, Initializer.FromConfig(JsonValue.Create(name)));
    }

    [Fact]
    public void LegacyClassNames_Resolve()
    {
        var o = Initializer.FromConfig(JsonNode.Parse("""{"class_name": "OrthogonalInitializer", "config": {"gain": 2.0, "seed": null}}"""));
        Assert.Equal(2.0, Assert.IsType<Orthogonal>(o).Gain);
        Assert.IsType<Identity>(Initializer.FromConfig(JsonNode.Parse("""{"class_name": "IdentityInitializer", "config": {}}""")));
    }

    [Fact]
    public void UnknownNamesAndKeys_AreRejected()
    {
        Assert.Contains("glorot_uniform", Assert.Throws<ArgumentException>(() => Initializer.Get("glorot_uniformm")).Message);
        var e = Assert.Throws<ArgumentException>(() =>
            Initializer.FromConfig(JsonNode.Parse("""{"class_name": "GlorotUniform", "config": {"seed": null, "scale": 2}}""")));
        Assert.Contains("Unrecognized keyword arguments passed to GlorotUniform", e.Message);
    }
}
