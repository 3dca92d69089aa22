namespace Recur.Layers;

/// <summary>Fully-connected recurrent layer. Keras: <c>keras.layers.SimpleRNN</c>.</summary>
/// <remarks><c>h_t = activation(x_t·kernel + bias + h_{t−1}·recurrent_kernel)</c>; see <see cref="SimpleRnnCell"/>.</remarks>
public sealed class SimpleRnn : StandardRnn
{
    public SimpleRnn(
        int units,
        ActivationFunction? activation = null,
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
        string? name = null, int?[]? inputShape = null)
        : base(new SimpleRnnCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint,
                biasConstraint, dropout, recurrentDropout, seed, name: "simple_rnn_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
        // tf.keras's input_shape keyword: the shape of one sample, so a Sequential can start with this layer.
        if (inputShape is not null) BatchInputShape = [null, .. inputShape];
    }

    public override string KerasClassName => "SimpleRNN";
}
