using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// A convolutional LSTM over <c>rank</c> (1 to 3) spatial axes: an <see cref="Rnn"/> over a <see cref="ConvLstmCell"/>.
/// Keras: the rank-generic <c>ConvLSTM</c> base of <c>ConvLSTM1D/2D/3D</c> (config key <c>rank</c>).
/// </summary>
/// <remarks>
/// Inputs <c>[B, T, *spatial, C]</c>; output <c>[B, *out_spatial, F]</c> (or <c>[B, T, *out_spatial, F]</c> with
/// <c>return_sequences</c>), then <c>h</c> and <c>c</c> of shape <c>[B, *out_spatial, F]</c> with <c>return_state</c>.
/// With <c>data_format="channels_first"</c> the channels come before the spatial axes everywhere: inputs
/// <c>[B, T, C, *spatial]</c>, outputs and states <c>[B, (T,) F, *out_spatial]</c>.
/// Masks, initial states, <c>go_backwards</c> and <c>stateful</c> behave as in <see cref="Rnn"/>; the step equations
/// are on <see cref="ConvLstmCell"/>. The config is the RNN keys without <c>cell</c>, then the cell's keys (§5).
/// </remarks>
public class ConvLstm : Rnn
{
    public ConvLstm(
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
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        string? name = null)
        : base(new ConvLstmCell(rank, filters, kernelSize, strides, padding, dataFormat, dilationRate, activation,
                recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint,
                biasConstraint, dropout, recurrentDropout, seed, name: "conv_lstm_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
        InputSpec = new InputSpec(Rank: rank + 3);
    }

    public override string KerasClassName => "ConvLSTM";

    private ConvLstmCell ConvCell => (ConvLstmCell)Cell;

    /// <summary>Whether the config names the rank (only the rank-generic class needs it to be rebuilt).</summary>
    protected virtual bool WritesRank => true;

    public int Rank => ConvCell.Rank;
    public int Filters => ConvCell.Filters;
    public int[] KernelSize => ConvCell.KernelSize;
    public int[] Strides => ConvCell.Strides;
    public Padding Padding => ConvCell.Padding;
    public string DataFormat => ConvCell.DataFormat;
    public int[] DilationRate => ConvCell.DilationRate;
    public ActivationFunction Activation => ConvCell.Activation;
    public ActivationFunction RecurrentActivation => ConvCell.RecurrentActivation;
    public bool UseBias => ConvCell.UseBias;
    public Initializer KernelInitializer => ConvCell.KernelInitializer;
    public Initializer RecurrentInitializer => ConvCell.RecurrentInitializer;
    public Initializer BiasInitializer => ConvCell.BiasInitializer;
    public bool UnitForgetBias => ConvCell.UnitForgetBias;
    public Regularizer? KernelRegularizer => ConvCell.KernelRegularizer;
    public Regularizer? RecurrentRegularizer => ConvCell.RecurrentRegularizer;
    public Regularizer? BiasRegularizer => ConvCell.BiasRegularizer;
    public Constraint? KernelConstraint => ConvCell.KernelConstraint;
    public Constraint? RecurrentConstraint => ConvCell.RecurrentConstraint;
    public Constraint? BiasConstraint => ConvCell.BiasConstraint;
    public float Dropout => ConvCell.Dropout;
    public float RecurrentDropout => ConvCell.RecurrentDropout;
    public int? Seed => ConvCell.Seed;

    /// <summary>Output <c>[B, (T,) *out_spatial, F]</c>, then <c>h</c> and <c>c</c> <c>[B, *out_spatial, F]</c> with
    /// <see cref="Rnn.ReturnState"/> (channels-first: <c>F</c> before the spatial axes).</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        var state = ConvCell.ComputeOutputShape([inputShape[0], .. inputShape[2..]])[0];
        List<int?[]> shapes = [ReturnSequences ? [inputShape[0], inputShape[1], .. state[1..]] : state];
        if (ReturnState) shapes.AddRange([state, state]);
        return shapes;
    }

    /// <summary>RNN keys without <c>cell</c>, then the cell's keys with <c>activity_regularizer</c>.</summary>
    public override JsonObject GetConfig()
    {
        var o = RnnConfig(writeActivityRegularizer: false);
        ConvCell.WriteHyperParameters(o, WritesRank, writeActivityRegularizer: true, ActivityRegularizer);
        return o;
    }
}
