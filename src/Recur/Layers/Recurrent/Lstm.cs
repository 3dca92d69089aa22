namespace Recur.Layers;

/// <summary>Long short-term memory layer. Keras: <c>keras.layers.LSTM</c>.</summary>
/// <remarks>
/// Gates <c>i, f, c, o</c> in the kernels' column order; states <c>[h, c]</c>; see <see cref="LstmCell"/> for the
/// equations. <c>use_cudnn</c> (null = "auto") and <c>implementation</c> are accepted and kept, not serialized.
/// </remarks>
public sealed class Lstm : StandardRnn
{
    public Lstm(
        int units,
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
        bool? useCudnn = null,
        bool zeroOutputForMask = false,
        int implementation = 2,
        string? name = null, int?[]? inputShape = null)
        : base(new LstmCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer,
                biasInitializer, unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer,
                kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, implementation,
                name: "lstm_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
        // tf.keras's input_shape keyword: the shape of one sample, so a Sequential can start with this layer.
        if (inputShape is not null) BatchInputShape = [null, .. inputShape];
        UseCudnn = useCudnn;
    }

    public override string KerasClassName => "LSTM";

    private LstmCell LstmCell => (LstmCell)Cell;

    public ActivationFunction RecurrentActivation => LstmCell.RecurrentActivation;
    public bool UnitForgetBias => LstmCell.UnitForgetBias;
    public int Implementation => LstmCell.Implementation;

    /// <summary>Keras's backend fast-path switch: null = "auto". Recur has one CPU path, so it only round-trips.</summary>
    public bool? UseCudnn { get; }
}
