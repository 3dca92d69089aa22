using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// The step of a convolutional LSTM over <c>rank</c> (1 to 3) spatial axes. Keras: <c>ConvLSTMCell</c>
/// (<c>keras/src/layers/rnn/conv_lstm.py</c>).
/// </summary>
/// <remarks>
/// Weights: <c>kernel [*kernel_size, C, 4F]</c>, <c>recurrent_kernel [*kernel_size, F, 4F]</c>, <c>bias [4F]</c>, gate
/// blocks <c>i, f, c, o</c> along the last axis (the forget block of the bias starts at 1 with <c>unit_forget_bias</c>).
/// <code>
/// x_g = conv(x_t, kernel_g, strides, padding, dilation_rate) + bias_g
/// h_g = conv(h_{t−1}, recurrent_kernel_g, stride 1, "same", dilation 1)
/// i = ra(x_i + h_i);  f = ra(x_f + h_f);  o = ra(x_o + h_o)
/// c_t = f ⊙ c_{t−1} + i ⊙ a(x_c + h_c);   h_t = o ⊙ a(c_t)      output h_t, states [h_t, c_t]
/// </code>
/// States are <c>[B, *out_spatial, F]</c>, <c>out_spatial</c> being what the input convolution produces, so they exist
/// only once the cell is built; <see cref="StateSize"/> reports their channel size <c>F</c>. Dropout (training, rate in
/// (0, 1)) uses four masks per side, one per gate. With <c>channels_first</c> the step input is <c>[B, C, *spatial]</c>
/// and the states <c>[B, F, *out_spatial]</c>; the step moves them channels-last around the same convolutions (as
/// Keras's CPU backends do), so the numbers are those of the channels-last cell on transposed tensors.
/// </remarks>
public sealed class ConvLstmCell : DropoutRnnCell
{
    private int[]? _outSpatial;

    public ConvLstmCell(
        int rank,
        int filters,
        int[] kernelSize,
        int[]? strides = null,
        Padding padding = Padding.Valid,
        string? dataFormat = null,
        int[]? dilationRate = null,
        ActivationFunction? activation = null,
        ActivationFunction? recurrentActivation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null,
        Regularizer? recurrentRegularizer = null,
        Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        string? name = null)
        : base(dropout, recurrentDropout, seed, name)
    {
        if (rank is < 1 or > 3)
            throw new ArgumentException($"{KerasClassName}: Rank {rank} convolutions are not currently implemented. Received: rank={rank}.", nameof(rank));
        Rank = rank;
        Filters = PositiveUnits(filters, KerasClassName, "filters");
        KernelSize = ConvArguments.Tuple(kernelSize ?? throw new ArgumentNullException(nameof(kernelSize)), rank, "kernel_size", KerasClassName);
        Strides = ConvArguments.Tuple(strides, rank, "strides", KerasClassName);
        DilationRate = ConvArguments.Tuple(dilationRate, rank, "dilation_rate", KerasClassName);
        Padding = ConvArguments.CheckPadding(padding, allowCausal: false, KerasClassName);
        DataFormat = ConvArguments.DataFormat(dataFormat, KerasClassName);
        ConvArguments.CheckStridesAndDilation(Strides, DilationRate, KerasClassName);
        Activation = activation ?? ActivationFunction.Tanh;
        RecurrentActivation = recurrentActivation ?? ActivationFunction.Sigmoid;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? "glorot_uniform";
        RecurrentInitializer = recurrentInitializer ?? "orthogonal";
        BiasInitializer = biasInitializer ?? "zeros";
        UnitForgetBias = unitForgetBias;
        KernelRegularizer = kernelRegularizer;
        RecurrentRegularizer = recurrentRegularizer;
        BiasRegularizer = biasRegularizer;
        KernelConstraint = kernelConstraint;
        RecurrentConstraint = recurrentConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(Rank: rank + 2);
    }

    public override string KerasClassName => "ConvLSTMCell";

    /// <summary>Number of spatial axes (1 to 3).</summary>
    public int Rank { get; }
    public int Filters { get; }
    public int[] KernelSize { get; }
    public int[] Strides { get; }
    public Padding Padding { get; }
    public string DataFormat { get; }

    private bool ChannelsFirst => DataFormat == ConvArguments.ChannelsFirst;
    public int[] DilationRate { get; }
    public ActivationFunction Activation { get; }
    public ActivationFunction RecurrentActivation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer RecurrentInitializer { get; }
    public Initializer BiasInitializer { get; }
    public bool UnitForgetBias { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? RecurrentRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? RecurrentConstraint { get; }
    public Constraint? BiasConstraint { get; }

    /// <summary>The channel size <c>F</c> of <c>h</c> and <c>c</c> (Keras leaves <c>state_size</c> to the cell: the states are spatial).</summary>
    public override IReadOnlyList<int> StateSize => [Filters, Filters];

    public override int? OutputSize => Filters;

    private Variable Kernel { get; set; } = null!;
    private Variable RecurrentKernel { get; set; } = null!;
    private Variable? Bias { get; set; }

    /// <summary>Creates <c>kernel</c>, <c>recurrent_kernel</c> and <c>bias</c> for step inputs <c>[B, *spatial, C]</c>
    /// (<c>[B, C, *spatial]</c> channels-first) of known spatial and channel sizes.</summary>
    protected override void BuildCore(int?[] inputShape)
    {
        var spatial = ChannelsFirst ? inputShape[2..] : inputShape[1..^1];
        if (spatial.Any(d => d is null))
            throw new ShapeMismatchException(
                $"{KerasClassName} '{Name}': ConvLSTM layers only support static input shapes for the spatial dimensions. Received invalid input shape: {InputSpec.Format(inputShape)}.");
        int channels = (ChannelsFirst ? inputShape[1] : inputShape[^1]) ?? throw new ShapeMismatchException(
            $"{KerasClassName} '{Name}': the channel dimension of the inputs ({(ChannelsFirst ? "axis 1" : "last axis")}) should be defined. Found None. Full input shape received: {InputSpec.Format(inputShape)}.");
        _outSpatial = ConvArguments.OutputSpatial(spatial, KernelSize, Strides, DilationRate, Padding, $"{KerasClassName} '{Name}'")
            .Select(d => d!.Value).ToArray();
        Kernel = AddWeight("kernel", [.. KernelSize, channels, 4 * Filters], KernelInitializer, KernelRegularizer, KernelConstraint);
        RecurrentKernel = AddWeight("recurrent_kernel", [.. KernelSize, Filters, 4 * Filters], RecurrentInitializer, RecurrentRegularizer, RecurrentConstraint);
        Bias = UseBias
            ? AddWeight("bias", [4 * Filters], UnitForgetBias ? new UnitForgetBiasInitializer(BiasInitializer, Filters) : BiasInitializer, BiasRegularizer, BiasConstraint)
            : null;
    }

    /// <summary>Zeros <c>[B, *out_spatial, F]</c> (<c>[B, F, *out_spatial]</c> channels-first) for <c>h</c> and <c>c</c>; the
    /// cell must be built (the spatial sizes come from its input).</summary>
    public override IReadOnlyList<Tensor> GetInitialState(int batchSize)
    {
        var spatial = _outSpatial ?? throw new InvalidOperationException(
            $"{KerasClassName} '{Name}': the state shape depends on the input's spatial size; build the cell (or call the layer) first.");
        int[] shape = ChannelsFirst ? [batchSize, Filters, .. spatial] : [batchSize, .. spatial, Filters];
        return [Tensor.Zeros(shape), Tensor.Zeros(shape)];
    }

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        if (!ChannelsFirst) return StepChannelsLast(input, states[0], states[1], training);
        var (hLast, newStates) = StepChannelsLast(
            ConvArguments.ToChannelsLast(input), ConvArguments.ToChannelsLast(states[0]), ConvArguments.ToChannelsLast(states[1]), training);
        var h = ConvArguments.ToChannelsFirst(hLast);
        return (h, [h, ConvArguments.ToChannelsFirst(newStates[1])]);
    }

    private (Tensor Output, IReadOnlyList<Tensor> NewStates) StepChannelsLast(Tensor input, Tensor hPrev, Tensor cPrev, bool training)
    {
        // Keras applies masks only for 0 < rate < 1.
        var inMasks = Dropout < 1f ? InputMasks(input, training, 4) : null;
        var recMasks = RecurrentDropout < 1f ? RecurrentMasks(hPrev, training, 4) : null;
        var z = inMasks is null && recMasks is null ? FusedGates(input, hPrev) : PerGate(input, hPrev, inMasks, recMasks);
        var i = RecurrentActivation.Apply(z[0]);
        var f = RecurrentActivation.Apply(z[1]);
        var o = RecurrentActivation.Apply(z[3]);
        var c = f * cPrev + i * Activation.Apply(z[2]);
        var h = o * Activation.Apply(c);
        return (h, [h, c]);
    }

    // Without dropout every gate sees the same x_t and h_{t−1}: one convolution per side computes all four blocks.
    private Tensor[] FusedGates(Tensor x, Tensor h)
    {
        var zx = Ops.Conv(x, Kernel, Strides, Padding, DilationRate);
        if (Bias is not null) zx += Bias;
        var z = zx + Ops.Conv(h, RecurrentKernel, padding: Padding.Same);
        return [Block(z, 0), Block(z, 1), Block(z, 2), Block(z, 3)];
    }

    private Tensor[] PerGate(Tensor x, Tensor h, Tensor[]? inMasks, Tensor[]? recMasks)
    {
        var z = new Tensor[4];
        for (int g = 0; g < 4; g++)
        {
            var zx = Ops.Conv(inMasks is null ? x : x * inMasks[g], Block(Kernel, g), Strides, Padding, DilationRate);
            if (Bias is not null) zx += Block(Bias, g);
            z[g] = zx + Ops.Conv(recMasks is null ? h : h * recMasks[g], Block(RecurrentKernel, g), padding: Padding.Same);
        }
        return z;
    }

    /// <summary>Gate block <paramref name="gate"/> of the last axis (<c>[gate·F, (gate+1)·F)</c>).</summary>
    private Tensor Block(Tensor t, int gate) => SequenceOps.SliceLast(t, gate * Filters, Filters);

    /// <summary>The output <c>[B, *out, F]</c> (<c>[B, F, *out]</c> channels-first) then <c>h</c> and <c>c</c> of the same
    /// shape; unknown sizes stay unknown.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        var spatial = ConvArguments.OutputSpatial(inputShape.AsSpan(ChannelsFirst ? 2 : 1, Rank), KernelSize, Strides, DilationRate, Padding, $"{KerasClassName} '{Name}'");
        int?[] shape = ChannelsFirst ? [inputShape[0], Filters, .. spatial] : [inputShape[0], .. spatial, Filters];
        return [shape, shape, shape];
    }

    /// <summary>Base keys, <c>rank</c>, then the hyper-parameters.</summary>
    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        WriteHyperParameters(o, writeRank: true, writeActivityRegularizer: false, activityRegularizer: null);
        return o;
    }

    /// <summary>
    /// Writes the hyper-parameters in Keras's order (§5). Keras writes no <c>rank</c> (so its generic classes cannot be
    /// rebuilt from their configs); Recur writes it for the rank-generic classes so that they round-trip.
    /// </summary>
    internal void WriteHyperParameters(JsonObject o, bool writeRank, bool writeActivityRegularizer, Regularizer? activityRegularizer)
    {
        if (writeRank) o["rank"] = Rank;
        o["filters"] = Filters;
        o["kernel_size"] = ConvArguments.ToJson(KernelSize);
        o["strides"] = ConvArguments.ToJson(Strides);
        o["padding"] = ConvArguments.Name(Padding);
        o["data_format"] = DataFormat;
        o["dilation_rate"] = ConvArguments.ToJson(DilationRate);
        o["activation"] = Activation.ToConfig();
        o["recurrent_activation"] = RecurrentActivation.ToConfig();
        o["use_bias"] = UseBias;
        o["kernel_initializer"] = KernelInitializer.ToConfig();
        o["recurrent_initializer"] = RecurrentInitializer.ToConfig();
        o["bias_initializer"] = BiasInitializer.ToConfig();
        o["unit_forget_bias"] = UnitForgetBias;
        o["kernel_regularizer"] = KernelRegularizer?.ToConfig();
        o["recurrent_regularizer"] = RecurrentRegularizer?.ToConfig();
        o["bias_regularizer"] = BiasRegularizer?.ToConfig();
        if (writeActivityRegularizer) o["activity_regularizer"] = activityRegularizer?.ToConfig();
        o["kernel_constraint"] = KernelConstraint?.ToConfig();
        o["recurrent_constraint"] = RecurrentConstraint?.ToConfig();
        o["bias_constraint"] = BiasConstraint?.ToConfig();
        o["dropout"] = Dropout;
        o["recurrent_dropout"] = RecurrentDropout;
        o["seed"] = Seed;
    }
}
