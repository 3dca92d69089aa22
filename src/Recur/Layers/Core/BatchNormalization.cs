using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Normalizes with batch statistics in training and moving statistics at inference. Keras: <c>keras.layers.BatchNormalization</c>.</summary>
/// <remarks>Training: μ, σ² (biased) over every axis but <c>axis</c>; <c>y = (x − μ)/√(σ² + ε)·γ + β</c>; then
/// <c>moving = moving·momentum + batch·(1 − momentum)</c>. Inference uses the moving statistics. Weights in Keras order:
/// <c>gamma, beta, moving_mean, moving_variance</c> (the last two non-trainable).</remarks>
public sealed class BatchNormalization : Layer
{
    private int _axis;

    public BatchNormalization(int axis = -1, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null, bool synchronized = false, string? name = null) : base(name)
    {
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? Initializer.Get("zeros");
        GammaInitializer = gammaInitializer ?? Initializer.Get("ones");
        MovingMeanInitializer = movingMeanInitializer ?? Initializer.Get("zeros");
        MovingVarianceInitializer = movingVarianceInitializer ?? Initializer.Get("ones");
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
        Synchronized = synchronized;
    }

    public int Axis { get; }
    public float Momentum { get; }
    public float Epsilon { get; }
    public bool Center { get; }
    public bool Scale { get; }
    public Initializer BetaInitializer { get; }
    public Initializer GammaInitializer { get; }
    public Initializer MovingMeanInitializer { get; }
    public Initializer MovingVarianceInitializer { get; }
    public Regularizer? BetaRegularizer { get; }
    public Regularizer? GammaRegularizer { get; }
    public Constraint? BetaConstraint { get; }
    public Constraint? GammaConstraint { get; }

    /// <summary>Keras's multi-device flag; a single-process library has nothing to synchronize.</summary>
    public bool Synchronized { get; }

    public Variable? Gamma { get; private set; }
    public Variable? Beta { get; private set; }
    public Variable? MovingMean { get; private set; }
    public Variable? MovingVariance { get; private set; }

    public override string KerasClassName => "BatchNormalization";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        c["momentum"] = Momentum;
        c["epsilon"] = Epsilon;
        c["center"] = Center;
        c["scale"] = Scale;
        c["beta_initializer"] = BetaInitializer.ToConfig();
        c["gamma_initializer"] = GammaInitializer.ToConfig();
        c["moving_mean_initializer"] = MovingMeanInitializer.ToConfig();
        c["moving_variance_initializer"] = MovingVarianceInitializer.ToConfig();
        c["beta_regularizer"] = BetaRegularizer?.ToConfig();
        c["gamma_regularizer"] = GammaRegularizer?.ToConfig();
        c["beta_constraint"] = BetaConstraint?.ToConfig();
        c["gamma_constraint"] = GammaConstraint?.ToConfig();
        c["synchronized"] = Synchronized;
        return c;
    }

    protected override void BuildCore(int?[] inputShape)
    {
        _axis = Shapes.Axis(Axis, inputShape.Length, $"BatchNormalization '{Name}'");
        int size = inputShape[_axis]
            ?? throw new ShapeMismatchException($"BatchNormalization '{Name}': axis {Axis} of the input must be known; received {InputSpec.Format(inputShape)}.");
        if (Scale) Gamma = AddWeight("gamma", [size], GammaInitializer, GammaRegularizer, GammaConstraint);
        if (Center) Beta = AddWeight("beta", [size], BetaInitializer, BetaRegularizer, BetaConstraint);
        MovingMean = AddWeight("moving_mean", [size], MovingMeanInitializer, trainable: false);
        MovingVariance = AddWeight("moving_variance", [size], MovingVarianceInitializer, trainable: false);
        InputSpec = new InputSpec(MinRank: 1) { Axes = new Dictionary<int, int> { [Axis] = size } };
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        var shape = Enumerable.Repeat(1, x.Rank).ToArray();
        shape[_axis] = x.Dims[_axis];
        var reduce = Enumerable.Range(0, x.Rank).Where(a => a != _axis).ToArray();
        Tensor mean, variance;
        if (options.Training && Trainable)
        {
            mean = Ops.Mean(x, reduce, keepDims: true);
            var centered = x - mean;
            variance = Ops.Mean(centered * centered, reduce, keepDims: true);
            UpdateMoving(MovingMean!, mean);
            UpdateMoving(MovingVariance!, variance);
        }
        else
        {
            mean = Ops.Reshape(MovingMean!.Value.Detach(), shape);
            variance = Ops.Reshape(MovingVariance!.Value.Detach(), shape);
        }
        var y = (x - mean) / Ops.Sqrt(variance + Epsilon);
        if (Gamma is not null) y *= Ops.Reshape(Gamma, shape);
        if (Beta is not null) y += Ops.Reshape(Beta, shape);
        return [y];
    }

    private void UpdateMoving(Variable moving, Tensor batch)
    {
        var m = moving.Value.AsSpan();
        var b = batch.AsReadOnlySpan();
        for (int i = 0; i < m.Length; i++) m[i] = m[i] * Momentum + b[i] * (1f - Momentum);
        moving.MarkChanged();
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
