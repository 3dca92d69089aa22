using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Normalizes each sample over <c>axis</c> (default the last). Keras: <c>keras.layers.LayerNormalization</c>.</summary>
/// <remarks><c>y = (x − μ) / √(σ² + ε) · γ + β</c>, μ and σ² (biased) per sample over <c>axis</c>. With
/// <c>rms_scaling</c>: <c>y = x / √(mean(x²) + ε) · γ</c>. Weights: <c>gamma</c> then <c>beta</c>, shaped like the normalized axes.</remarks>
public sealed class LayerNormalization : Layer
{
    private int[] _axes = [];

    public LayerNormalization(int[]? axis = null, float epsilon = 1e-3f, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, string? name = null) : base(name)
    {
        Axis = axis is null ? [-1] : (int[])axis.Clone();
        Epsilon = epsilon;
        Center = center && !rmsScaling;
        Scale = scale;
        RmsScaling = rmsScaling;
        BetaInitializer = betaInitializer ?? Initializer.Get("zeros");
        GammaInitializer = gammaInitializer ?? Initializer.Get("ones");
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
    }

    public int[] Axis { get; }
    public float Epsilon { get; }
    public bool Center { get; }
    public bool Scale { get; }
    public bool RmsScaling { get; }
    public Initializer BetaInitializer { get; }
    public Initializer GammaInitializer { get; }
    public Regularizer? BetaRegularizer { get; }
    public Regularizer? GammaRegularizer { get; }
    public Constraint? BetaConstraint { get; }
    public Constraint? GammaConstraint { get; }
    public Variable? Gamma { get; private set; }
    public Variable? Beta { get; private set; }

    public override string KerasClassName => "LayerNormalization";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis.Length == 1 ? Axis[0] : new JsonArray(Axis.Select(a => (JsonNode?)a).ToArray());
        c["epsilon"] = Epsilon;
        c["center"] = Center;
        c["scale"] = Scale;
        c["rms_scaling"] = RmsScaling;
        c["beta_initializer"] = BetaInitializer.ToConfig();
        c["gamma_initializer"] = GammaInitializer.ToConfig();
        c["beta_regularizer"] = BetaRegularizer?.ToConfig();
        c["gamma_regularizer"] = GammaRegularizer?.ToConfig();
        c["beta_constraint"] = BetaConstraint?.ToConfig();
        c["gamma_constraint"] = GammaConstraint?.ToConfig();
        return c;
    }

    protected override void BuildCore(int?[] inputShape)
    {
        int rank = inputShape.Length;
        _axes = Axis.Select(a => Shapes.Axis(a, rank, $"LayerNormalization '{Name}'")).Order().ToArray();
        var shape = _axes.Select(a => inputShape[a]
            ?? throw new ShapeMismatchException($"LayerNormalization '{Name}': normalized axis {a} must be known; received {InputSpec.Format(inputShape)}.")).ToArray();
        // Keras stores a 1-D parameter for one axis, else the normalized axes' sizes.
        if (Scale) Gamma = AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint);
        if (Center) Beta = AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint);
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        Tensor y;
        if (RmsScaling)
        {
            y = x / Ops.Sqrt(Ops.Mean(x * x, _axes, keepDims: true) + Epsilon);
        }
        else
        {
            var centered = x - Ops.Mean(x, _axes, keepDims: true);
            var variance = Ops.Mean(centered * centered, _axes, keepDims: true);
            y = centered / Ops.Sqrt(variance + Epsilon);
        }
        if (Gamma is not null) y *= ParameterShaped(Gamma, x.Rank);
        if (Beta is not null) y += ParameterShaped(Beta, x.Rank);
        return [y];
    }

    /// <summary>The parameter reshaped with size-1 axes everywhere but the normalized ones, to broadcast.</summary>
    private Tensor ParameterShaped(Tensor p, int rank)
    {
        var dims = Enumerable.Repeat(1, rank).ToArray();
        for (int i = 0; i < _axes.Length; i++) dims[_axes[i]] = p.Dims[i];
        return Ops.Reshape(p, dims);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
