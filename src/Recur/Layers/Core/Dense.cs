using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Densely connected layer, <c>y = activation(x·kernel + bias)</c> on the last axis. Keras: <c>keras.layers.Dense</c>.</summary>
/// <remarks>Any input rank ≥ 2: <c>[..., D] → [..., units]</c>; a <c>[B, T, D]</c> input gives a per-timestep Dense.
/// Weights: <c>kernel [D, units]</c>, then <c>bias [units]</c>.</remarks>
public sealed class Dense : Layer
{
    public Dense(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null, string? name = null, int?[]? inputShape = null)
        : base(name)
    {
        // tf.keras's input_shape keyword: the shape of one sample, so a Sequential can start with this layer.
        if (inputShape is not null) BatchInputShape = [null, .. inputShape];
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), $"Dense: received an invalid value for `units`, expected a positive integer; received units={units}.");
        Units = units;
        Activation = activation ?? ActivationFunction.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.Get("glorot_uniform");
        BiasInitializer = biasInitializer ?? Initializer.Get("zeros");
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(MinRank: 2);
    }

    public int Units { get; }
    public ActivationFunction Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Regularizer? ActivityRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? BiasConstraint { get; }

    /// <summary>The <c>[D, units]</c> weight; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>The <c>[units]</c> weight; null before build or without bias.</summary>
    public Variable? Bias { get; private set; }

    public override string KerasClassName => "Dense";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["units"] = Units;
        c["activation"] = Activation.ToConfig();
        c["use_bias"] = UseBias;
        c["kernel_initializer"] = KernelInitializer.ToConfig();
        c["bias_initializer"] = BiasInitializer.ToConfig();
        c["kernel_regularizer"] = KernelRegularizer?.ToConfig();
        c["bias_regularizer"] = BiasRegularizer?.ToConfig();
        c["kernel_constraint"] = KernelConstraint?.ToConfig();
        c["bias_constraint"] = BiasConstraint?.ToConfig();
        if (ActivityRegularizer is not null) c["activity_regularizer"] = ActivityRegularizer.ToConfig();
        return c;
    }

    protected override void BuildCore(int?[] inputShape)
    {
        int inputDim = inputShape[^1]
            ?? throw new ShapeMismatchException($"Dense '{Name}': the last dimension of the input must be known; received {InputSpec.Format(inputShape)}.");
        Kernel = AddWeight("kernel", [inputDim, Units], KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias) Bias = AddWeight("bias", [Units], BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(MinRank: 2) { Axes = new Dictionary<int, int> { [-1] = inputDim } };
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var y = Ops.MatMul(inputs[0], Kernel!);
        if (Bias is not null) y += Bias;
        y = Activation.Apply(y);
        if (ActivityRegularizer is not null) AddActivityLoss(ActivityRegularizer.Loss(y));
        return [y];
    }

    /// <summary>The inference stage; none without a span form of the activation or with an activity regularizer (a loss per call).</summary>
    internal override InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = Kernel is null ? "the layer is not built"
            : sampleShape.Length == 0 || sampleShape[^1] != Kernel.Value.Dims[0]
                ? $"samples of shape {Shapes.Format(sampleShape)} do not end in the {Kernel.Value.Dims[0]} features it was built for"
            : ActivityRegularizer is not null ? "the layer has an activity regularizer"
            : !Activation.HasSpanForm ? $"activation '{Activation.Name}' has no span form"
            : "";
        return whyNot.Length > 0 ? null : new DenseStage(sampleShape, Kernel!.Value, Bias?.Value, Activation);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [[.. inputShape[..^1], Units]];
}
