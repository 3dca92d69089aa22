using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// What <see cref="Conv1D"/>, <see cref="Conv2D"/> and <see cref="Conv3D"/> share: a convolution of <c>rank</c> spatial
/// axes with a <c>kernel [*kernel_size, C/groups, filters]</c> and a <c>bias [filters]</c>. Keras: <c>BaseConv</c>.
/// </summary>
/// <remarks>
/// <code>y = activation(conv(x, kernel, strides, padding, dilation_rate) + bias)</code>
/// With <c>groups</c> = G the input channels and the filters are split into G blocks, block g of the output seeing only
/// block g of the input. Inputs are <c>[…, *spatial, C]</c> (any number of leading batch axes) or, with
/// <c>channels_first</c>, exactly <c>[B, C, *spatial]</c> (transposed around the channels-last kernel).
/// </remarks>
public abstract class BaseConv : Layer
{
    /// <summary>Validates and standardises the arguments as Keras does at construction.</summary>
    protected BaseConv(int rank, int filters, int[] kernelSize, int[]? strides, Padding padding, string? dataFormat,
        int[]? dilationRate, int groups, ActivationFunction? activation, bool useBias, Initializer? kernelInitializer,
        Initializer? biasInitializer, Regularizer? kernelRegularizer, Regularizer? biasRegularizer,
        Regularizer? activityRegularizer, Constraint? kernelConstraint, Constraint? biasConstraint, string? name)
        : base(name)
    {
        Rank = rank;
        if (filters <= 0)
            throw new ArgumentException($"{KerasClassName}: invalid value for argument `filters`; expected a strictly positive value. Received filters={filters}.", nameof(filters));
        if (groups <= 0)
            throw new ArgumentException($"{KerasClassName}: the number of groups must be a positive integer. Received: groups={groups}.", nameof(groups));
        if (filters % groups != 0)
            throw new ArgumentException($"{KerasClassName}: the number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.", nameof(groups));
        Filters = filters;
        Groups = groups;
        KernelSize = ConvArguments.Tuple(kernelSize ?? throw new ArgumentNullException(nameof(kernelSize)), rank, "kernel_size", KerasClassName);
        Strides = ConvArguments.Tuple(strides, rank, "strides", KerasClassName);
        DilationRate = ConvArguments.Tuple(dilationRate, rank, "dilation_rate", KerasClassName);
        Padding = ConvArguments.CheckPadding(padding, allowCausal: rank == 1, KerasClassName);
        DataFormat = ConvArguments.DataFormat(dataFormat, KerasClassName);
        ConvArguments.CheckStridesAndDilation(Strides, DilationRate, KerasClassName);
        Activation = activation ?? ActivationFunction.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? "glorot_uniform";
        BiasInitializer = biasInitializer ?? "zeros";
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(MinRank: rank + 2);
    }

    /// <summary>Number of spatial axes.</summary>
    public int Rank { get; }
    public int Filters { get; }
    public int[] KernelSize { get; }
    public int[] Strides { get; }
    public Padding Padding { get; }
    public string DataFormat { get; }
    public int[] DilationRate { get; }
    public int Groups { get; }
    public ActivationFunction Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Regularizer? ActivityRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? BiasConstraint { get; }

    /// <summary>The <c>[*kernel_size, C/groups, filters]</c> weight; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>The <c>[filters]</c> weight; null before build or without bias.</summary>
    public Variable? Bias { get; private set; }

    private bool ChannelsFirst => DataFormat == ConvArguments.ChannelsFirst;

    protected override void BuildCore(int?[] inputShape)
    {
        if (ChannelsFirst && inputShape.Length != Rank + 2)
            throw new ShapeMismatchException(
                $"{KerasClassName} '{Name}': channels_first inputs must be exactly [batch, channels, *spatial] (rank {Rank + 2}); received {InputSpec.Format(inputShape)}.");
        int channelAxis = ChannelsFirst ? 1 : inputShape.Length - 1;
        int channels = inputShape[channelAxis] ?? throw new ShapeMismatchException(
            $"{KerasClassName} '{Name}': the channel dimension of the inputs should be defined; received {InputSpec.Format(inputShape)}.");
        if (channels % Groups != 0)
            throw new ShapeMismatchException(
                $"{KerasClassName} '{Name}': the number of input channels must be evenly divisible by the number of groups. Received groups={Groups}, but the input has {channels} channels (full input shape is {InputSpec.Format(inputShape)}).");
        // Validates the spatial sizes before any weight exists.
        ComputeOutputShape(inputShape);
        Kernel = AddWeight("kernel", [.. KernelSize, channels / Groups, Filters], KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(MinRank: Rank + 2) { Axes = new Dictionary<int, int> { [ChannelsFirst ? 1 : -1] = channels } };
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        if (ChannelsFirst) x = ConvArguments.ToChannelsLast(x);
        // Extra leading axes are folded into the batch: the op takes [B, *spatial, C].
        var lead = x.Dims[..^(Rank + 1)];
        if (lead.Length != 1) x = Ops.Reshape(x, [Shapes.Size(lead), .. x.Dims[^(Rank + 1)..]]);
        var y = Convolve(x);
        if (Bias is not null) y += Bias;
        y = Activation.Apply(y);
        if (lead.Length != 1) y = Ops.Reshape(y, [.. lead, .. y.Dims[1..]]);
        if (ChannelsFirst) y = ConvArguments.ToChannelsFirst(y);
        if (ActivityRegularizer is not null) AddActivityLoss(ActivityRegularizer.Loss(y));
        return [y];
    }

    private Tensor Convolve(Tensor x)
    {
        if (Groups == 1) return Ops.Conv(x, Kernel!, Strides, Padding, DilationRate);
        var xs = Ops.Split(x, -1, Groups);
        var ks = Ops.Split(Kernel!, -1, Groups);
        return Ops.Concat(xs.Select((xg, g) => Ops.Conv(xg, ks[g], Strides, Padding, DilationRate)).ToList(), -1);
    }

    /// <summary><c>[…, *out, filters]</c> (or <c>[B, filters, *out]</c>); unknown sizes stay unknown.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        string who = $"{KerasClassName} '{Name}'";
        if (ChannelsFirst)
            return [[inputShape[0], Filters, .. ConvArguments.OutputSpatial(inputShape.AsSpan(2), KernelSize, Strides, DilationRate, Padding, who)]];
        var spatial = inputShape.AsSpan(inputShape.Length - 1 - Rank, Rank);
        return [[.. inputShape[..^(Rank + 1)], .. ConvArguments.OutputSpatial(spatial, KernelSize, Strides, DilationRate, Padding, who), Filters]];
    }

    /// <summary>Base keys, then Keras's order: filters … bias_constraint.</summary>
    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["filters"] = Filters;
        c["kernel_size"] = ConvArguments.ToJson(KernelSize);
        c["strides"] = ConvArguments.ToJson(Strides);
        c["padding"] = ConvArguments.Name(Padding);
        c["data_format"] = DataFormat;
        c["dilation_rate"] = ConvArguments.ToJson(DilationRate);
        c["groups"] = Groups;
        c["activation"] = Activation.ToConfig();
        c["use_bias"] = UseBias;
        c["kernel_initializer"] = KernelInitializer.ToConfig();
        c["bias_initializer"] = BiasInitializer.ToConfig();
        c["kernel_regularizer"] = KernelRegularizer?.ToConfig();
        c["bias_regularizer"] = BiasRegularizer?.ToConfig();
        c["activity_regularizer"] = ActivityRegularizer?.ToConfig();
        c["kernel_constraint"] = KernelConstraint?.ToConfig();
        c["bias_constraint"] = BiasConstraint?.ToConfig();
        return c;
    }
}
