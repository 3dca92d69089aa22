namespace Recur.Layers;

/// <summary>Fully-connected recurrent layer. Keras: <c>keras.layers.SimpleRNN</c>.</summary>
/// <remarks><c>h_t = activation(x_t·kernel + bias + h_{t−1}·recurrent_kernel)</c>; see <see cref="SimpleRnnCell"/>.</remarks>
public sealed class SimpleRnn : StandardRnn
{
    public SimpleRnn(
        int units,
        Activation? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
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
        : base(new SimpleRnnCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint,
                biasConstraint, dropout, recurrentDropout, seed, name: "simple_rnn_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
    }

    public override string KerasClassName => "SimpleRNN";
}
