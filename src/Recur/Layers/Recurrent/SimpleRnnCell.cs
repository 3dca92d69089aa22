namespace Recur.Layers;

/// <summary>The step of a fully-connected recurrence. Keras: <c>keras.layers.SimpleRNNCell</c>.</summary>
/// <remarks>
/// <c>h_t = activation(x_t·kernel + bias + h_{t−1}·recurrent_kernel)</c>; output = new state = <c>h_t</c>.
/// Dropout multiplies <c>x_t</c> and the copy of <c>h_{t−1}</c> entering the product by their masks (any rate, 1.0 included).
/// </remarks>
public sealed class SimpleRnnCell : StandardRnnCell
{
    public SimpleRnnCell(
        int units,
        ActivationFunction? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
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
        : base(units, activation ?? ActivationFunction.Tanh, useBias, kernelInitializer ?? "glorot_uniform",
            recurrentInitializer ?? "orthogonal", biasInitializer ?? "zeros", kernelRegularizer, recurrentRegularizer,
            biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, name)
    {
    }

    public override string KerasClassName => "SimpleRNNCell";

    public override IReadOnlyList<int> StateSize => [Units];

    public override bool StateSizeIsList => false;

    public override int? OutputSize => Units;

    protected override int Gates => 1;

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var x = Masked(input, InputMasks(input, training), 0);
        var h = Ops.MatMul(x, Kernel);
        if (Bias is not null) h += Bias;
        var prev = Masked(states[0], RecurrentMasks(states[0], training), 0);
        var output = Activation.Apply(h + Ops.MatMul(prev, RecurrentKernel));
        return (output, [output]);
    }
}
