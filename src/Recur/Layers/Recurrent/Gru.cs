namespace Recur.Layers;

/// <summary>Gated recurrent unit layer. Keras: <c>keras.layers.GRU</c>.</summary>
/// <remarks>
/// Gates <c>z, r, h</c> in the kernels' column order; <c>h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃</c>; see
/// <see cref="GruCell"/> for both <c>reset_after</c> variants. <c>use_cudnn</c> (null = "auto") and
/// <c>implementation</c> are accepted and kept, not serialized.
/// </remarks>
public sealed class Gru : StandardRnn
{
    public Gru(
        int units,
        ActivationFunction? activation = null,
        ActivationFunction? recurrentActivation = null,
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
        bool resetAfter = true,
        bool? useCudnn = null,
        bool zeroOutputForMask = false,
        int implementation = 2,
        string? name = null, int?[]? inputShape = null)
        : base(new GruCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer,
                biasInitializer, kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint,
                recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, resetAfter, implementation,
                name: "gru_cell"),
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
        // tf.keras's input_shape keyword: the shape of one sample, so a Sequential can start with this layer.
        if (inputShape is not null) BatchInputShape = [null, .. inputShape];
        UseCudnn = useCudnn;
    }

    public override string KerasClassName => "GRU";

    private GruCell GruCell => (GruCell)Cell;

    public ActivationFunction RecurrentActivation => GruCell.RecurrentActivation;
    public bool ResetAfter => GruCell.ResetAfter;
    public int Implementation => GruCell.Implementation;

    /// <summary>Keras's backend fast-path switch: null = "auto". Recur has one CPU path, so it only round-trips.</summary>
    public bool? UseCudnn { get; }
}
