using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The step of a long short-term memory layer. Keras: <c>keras.layers.LSTMCell</c>.</summary>
/// <remarks>
/// Gate blocks of the kernels, in column order: input <c>i</c>, forget <c>f</c>, candidate <c>c</c>, output <c>o</c>.
/// <code>
/// z   = x_t·kernel + h_{t−1}·recurrent_kernel + bias
/// i   = ra(z_i);  f = ra(z_f);  g = a(z_c);  o = ra(z_o)
/// c_t = f ⊙ c_{t−1} + i ⊙ g
/// h_t = o ⊙ a(c_t)          output h_t, states [h_t, c_t]
/// </code>
/// With <c>unit_forget_bias</c> the forget block of the bias starts at exactly 1 (the other blocks come from
/// <c>bias_initializer</c>). Dropout applies only for rates strictly between 0 and 1; with masks in training the cell
/// uses one mask per gate and side (implementation 1, forced by <c>recurrent_dropout</c>), else one input mask.
/// </remarks>
public sealed class LstmCell : StandardRnnCell
{
    public LstmCell(
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
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        int implementation = 2,
        string? name = null)
        : base(units, activation ?? ActivationFunction.Tanh, useBias, kernelInitializer ?? "glorot_uniform",
            recurrentInitializer ?? "orthogonal", biasInitializer ?? "zeros", kernelRegularizer, recurrentRegularizer,
            biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, name)
    {
        RecurrentActivation = recurrentActivation ?? ActivationFunction.Sigmoid;
        UnitForgetBias = unitForgetBias;
        // Keras: recurrent dropout needs a separate product per gate.
        Implementation = RecurrentDropout != 0f ? 1 : implementation;
    }

    public override string KerasClassName => "LSTMCell";

    public ActivationFunction RecurrentActivation { get; }

    public bool UnitForgetBias { get; }

    /// <summary>1 = one product per gate, 2 = one fused product; same numbers (not serialized).</summary>
    public int Implementation { get; }

    public override IReadOnlyList<int> StateSize => [Units, Units];

    public override int? OutputSize => Units;

    protected override int Gates => 4;

    protected override Initializer BiasInitializerForBuild =>
        UnitForgetBias ? new UnitForgetBiasInitializer(BiasInitializer, Units) : BiasInitializer;

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var (hPrev, cPrev) = (states[0], states[1]);
        // Keras applies masks only for 0 < rate < 1 (a rate of 1 disables dropout for LSTM).
        int count = Implementation == 1 ? 4 : 1;
        var inMasks = Dropout < 1f ? InputMasks(input, training, count) : null;
        var recMasks = RecurrentDropout < 1f ? RecurrentMasks(hPrev, training, count) : null;
        var z = count == 4 && (inMasks ?? recMasks) is not null
            ? PerGateBlocks(input, hPrev, inMasks, recMasks)
            : FusedBlocks(Masked(input, inMasks, 0), hPrev);
        var i = RecurrentActivation.Apply(z[0]);
        var f = RecurrentActivation.Apply(z[1]);
        var g = Activation.Apply(z[2]);
        var o = RecurrentActivation.Apply(z[3]);
        var c = f * cPrev + i * g;
        var h = o * Activation.Apply(c);
        return (h, [h, c]);
    }

    private Tensor[] FusedBlocks(Tensor x, Tensor h)
    {
        var z = Ops.MatMul(x, Kernel) + Ops.MatMul(h, RecurrentKernel);
        if (Bias is not null) z += Bias;
        return [Block(z, 0), Block(z, 1), Block(z, 2), Block(z, 3)];
    }

    // Implementation 1 with dropout: each gate sees its own masked copy of x_t and h_{t−1}.
    private Tensor[] PerGateBlocks(Tensor x, Tensor h, Tensor[]? inMasks, Tensor[]? recMasks)
    {
        var z = new Tensor[4];
        for (int k = 0; k < 4; k++)
        {
            z[k] = Ops.MatMul(Masked(x, inMasks, k), Block(Kernel, k)) + Ops.MatMul(Masked(h, recMasks, k), Block(RecurrentKernel, k));
            if (Bias is not null) z[k] += Block(Bias, k);
        }
        return z;
    }

    protected override void WriteAfterActivation(JsonObject o) => o["recurrent_activation"] = RecurrentActivation.ToConfig();

    protected override void WriteAfterBiasInitializer(JsonObject o) => o["unit_forget_bias"] = UnitForgetBias;
}
