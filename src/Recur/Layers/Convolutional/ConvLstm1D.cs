namespace Recur.Layers;

/// <summary>1-D convolutional LSTM over inputs <c>[B, T, steps, C]</c>. Keras: <c>keras.layers.ConvLSTM1D</c>.</summary>
/// <remarks>See <see cref="ConvLstm"/> (shapes, config) and <see cref="ConvLstmCell"/> (equations, weights).</remarks>
public sealed class ConvLstm1D : ConvLstm
{
    public ConvLstm1D(
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
        : base(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, activation, recurrentActivation, useBias,
            kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias, kernelRegularizer, recurrentRegularizer,
            biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout,
            seed, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, name)
    {
    }

    public override string KerasClassName => "ConvLSTM1D";

    protected override bool WritesRank => false;
}
