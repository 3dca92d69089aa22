using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers;

public sealed class RegularizerConstraintTests
{
    private static readonly float[] W = [1f, -2f, 0.5f, 3f, -0.25f, 0f];

    [Fact]
    public void Regularizers_ComputeKerasPenalties()
    {
        var w = new Tensor(W, 2, 3);
        double abs = W.Sum(v => Math.Abs(v)), sq = W.Sum(v => v * v); // 6.75, 14.3125
        Assert.Equal(0.01 * abs, new L1().Loss(w).Item(), 6);
        Assert.Equal(0.01 * sq, new L2().Loss(w).Item(), 6);
        Assert.Equal(0.3 * abs + 0.2 * sq, new L1L2(0.3f, 0.2f).Loss(w).Item(), 5);
        Assert.Equal(0, new L1L2().Loss(w).Item());
    }

    [Fact]
    public void Regularizers_GradientsMatchFiniteDifferences()
    {
        // Away from 0, where |w| has its kink.
        var w = new Tensor([0.7f, -1.3f, 0.4f, 2.1f, -0.6f, 1.2f], 2, 3);
        GradCheck.Assert(t => new L1(0.5f).Loss(t[0]), [w], eps: 1e-3);
        GradCheck.Assert(t => new L2(0.5f).Loss(t[0]), [w], eps: 1e-3);
        GradCheck.Assert(t => new L1L2(0.3f, 0.7f).Loss(t[0]), [w], eps: 1e-3);
    }

    [Theory]
    [InlineData("l1", typeof(L1), 0.01f, 0f)]
    [InlineData("L1", typeof(L1), 0.01f, 0f)]
    [InlineData("l2", typeof(L2), 0f, 0.01f)]
    [InlineData("l1_l2", typeof(L1L2), 0f, 0f)]
    public void RegularizerStrings_BuildWithKerasDefaults(string name, Type type, float l1, float l2)
    {
        Regularizer r = name;
        Assert.IsType(type, r);
        var config = r.GetConfig();
        if (config["l1"] is { } a) Assert.Equal(l1, a.GetValue<float>());
        if (config["l2"] is { } b) Assert.Equal(l2, b.GetValue<float>());
    }

    [Fact]
    public void Regularizers_RejectNegativeFactorsAndUnknownNames()
    {
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => new L2(-1f)).Message);
        Assert.Throws<ArgumentException>(() => new L1L2(float.NaN));
        Assert.Throws<ArgumentException>(() => Regularizer.Get("l3"));
    }

    public static TheoryData<Regularizer> AllRegularizers => new() { new L1(0.25f), new L2(), new L1L2(0.5f, 0.125f) };

    [Theory]
    [MemberData(nameof(AllRegularizers))]
    public void RegularizerConfig_RoundTrips(Regularizer r)
    {
        var config = r.ToConfig();
        Assert.Equal("keras.regularizers", config["module"]!.GetValue<string>());
        var back = Regularizer.FromConfig(JsonNode.Parse(config.ToJsonString()))!;
        Assert.IsType(r.GetType(), back);
        Assert.Equal(config.ToJsonString(), back.ToConfig().ToJsonString());
        Assert.Equal(config.ToJsonString(), Regularizer.FromConfig(config)!.ToConfig().ToJsonString());
    }

    [Fact]
    public void RegularizerConfig_MatchesKeras()
    {
        Assert.Equal("""{"module":"keras.regularizers","class_name":"L2","config":{"l2":0.001},"registered_name":null}""",
            new L2(0.001f).ToConfig().ToJsonString());
        Assert.Null(Regularizer.FromConfig(null));
    }

    // ---- constraints --------------------------------------------------------------------------------------------

    // Columns (axis 0) of [[3, 0, 1], [4, 0.1, 1]] have norms 5, 0.1 and √2.
    private static Tensor Kernel() => new([3f, 0f, 1f, 4f, 0.1f, 1f], 2, 3);

    private static void AssertColumnsScaled(Tensor result, double[] factors)
    {
        var w = Kernel().ToArray();
        var y = result.ToArray();
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i] * factors[i % 3], y[i], 6);
    }

    [Fact]
    public void MaxNorm_ScalesDownOnlyLongColumns()
    {
        const double eps = 1e-7;
        double s2 = Math.Sqrt(2);
        AssertColumnsScaled(new MaxNorm().Apply(Kernel()), [2 / (eps + 5), 0.1 / (eps + 0.1), s2 / (eps + s2)]);
        AssertColumnsScaled(new MaxNorm(1f).Apply(Kernel()), [1 / (eps + 5), 0.1 / (eps + 0.1), 1 / (eps + s2)]);
    }

    [Fact]
    public void MaxNorm_OverRowsAndSeveralAxes()
    {
        // Rows (axis 1): norms √10 and √17.0100…; over both axes one norm for the whole tensor.
        var rows = new MaxNorm(1f, axis: 1).Apply(Kernel()).ToArray();
        Assert.Equal(3 / (1e-7 + Math.Sqrt(10)), rows[0], 6);
        var all = new MaxNorm(1f, [0, 1]).Apply(Kernel()).ToArray();
        double total = Math.Sqrt(9 + 1 + 16 + 0.01 + 1);
        Assert.Equal(4 / (1e-7 + total), all[3], 6);
    }

    [Fact]
    public void MinMaxNorm_BlendsTowardTheBounds()
    {
        const double eps = 1e-7, rate = 0.5;
        double s2 = Math.Sqrt(2);
        double Desired(double n) => rate * Math.Clamp(n, 0.5, 1.0) + (1 - rate) * n;
        AssertColumnsScaled(new MinMaxNorm(0.5f, 1f, 0.5f).Apply(Kernel()),
            [Desired(5) / (eps + 5), Desired(0.1) / (eps + 0.1), Desired(s2) / (eps + s2)]);
        // Defaults: min 0, max 1, rate 1.
        AssertColumnsScaled(new MinMaxNorm().Apply(Kernel()), [1 / (eps + 5), 0.1 / (eps + 0.1), 1 / (eps + s2)]);
    }

    [Fact]
    public void UnitNorm_DividesByEpsilonPlusNorm()
    {
        const double eps = 1e-7;
        double s2 = Math.Sqrt(2);
        AssertColumnsScaled(new UnitNorm().Apply(Kernel()), [1 / (eps + 5), 1 / (eps + 0.1), 1 / (eps + s2)]);
        // A zero slice stays zero (0 / ε), as in Keras.
        Assert.All(new UnitNorm().Apply(Tensor.Zeros(2, 2)).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void NonNeg_ZeroesNegatives() =>
        Assert.Equal([1f, 0f, 0.5f, 3f, 0f, 0f], new NonNeg().Apply(new Tensor(W)).ToArray());

    [Fact]
    public void Constraints_DoNotRecordGradients()
    {
        var w = new Tensor(W, 2, 3) { RequiresGrad = true };
        Assert.False(new MaxNorm().Apply(w).RequiresGrad);
        Assert.False(new NonNeg().Apply(w).RequiresGrad);
    }

    [Fact]
    public void ConstraintConfigs_MatchKeras()
    {
        Assert.Equal("""{"max_value":2,"axis":0}""", new MaxNorm().GetConfig().ToJsonString());
        Assert.Equal("""{"min_value":0,"max_value":1,"rate":1,"axis":0}""", new MinMaxNorm().GetConfig().ToJsonString());
        Assert.Equal("""{"axis":[0,1]}""", new UnitNorm([0, 1]).GetConfig().ToJsonString());
        Assert.Equal("{}", new NonNeg().GetConfig().ToJsonString());
        Assert.Equal("""{"module":"keras.constraints","class_name":"NonNeg","config":{},"registered_name":null}""", new NonNeg().ToConfig().ToJsonString());
    }

    public static TheoryData<Constraint> AllConstraints => new()
    {
        new MaxNorm(3f, 1), new MinMaxNorm(0.5f, 2f, 0.25f, [0, 1]), new NonNeg(), new UnitNorm(1),
    };

    [Theory]
    [MemberData(nameof(AllConstraints))]
    public void ConstraintConfig_RoundTrips(Constraint c)
    {
        var config = c.ToConfig();
        var back = Constraint.FromConfig(JsonNode.Parse(config.ToJsonString()))!;
        Assert.IsType(c.GetType(), back);
        Assert.Equal(config.ToJsonString(), back.ToConfig().ToJsonString());
        Assert.Equal(c.Apply(Kernel()).ToArray(), back.Apply(Kernel()).ToArray());
    }

    [Theory]
    [InlineData("max_norm", typeof(MaxNorm))]
    [InlineData("min_max_norm", typeof(MinMaxNorm))]
    [InlineData("non_neg", typeof(NonNeg))]
    [InlineData("unit_norm", typeof(UnitNorm))]
    [InlineData("MaxNorm", typeof(MaxNorm))]
    public void ConstraintStrings_Resolve(string name, Type type)
    {
        Constraint c = name;
        Assert.IsType(type, c);
    }

    [Fact]
    public void Constraint_UnknownKeyIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Constraint.FromConfig(JsonNode.Parse("""{"class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0, "rate": 1}}""")));
        Assert.Contains("Unrecognized keyword arguments passed to MaxNorm", e.Message);
        Assert.Throws<ArgumentException>(() => Constraint.Get("positive"));
    }
}
