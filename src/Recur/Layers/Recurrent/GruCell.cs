using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The step of a gated recurrent unit. Keras: <c>keras.layers.GRUCell</c>.</summary>
/// <remarks>
/// Gate blocks of the kernels, in column order: update <c>z</c>, reset <c>r</c>, candidate <c>h̃</c>.
/// With <c>reset_after</c> (default; bias <c>[2, 3U]</c> = input row, recurrent row):
/// <code>
/// xz, xr, xh = x_t·kernel + b_in;   hz, hr, hh = h_{t−1}·recurrent_kernel + b_rec
/// z = ra(xz + hz);  r = ra(xr + hr);  h̃ = a(xh + r ⊙ hh)
/// h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃
/// </code>
/// Without it (bias <c>[3U]</c>, input side only) the reset gate multiplies the state before its product:
/// <c>h̃ = a(xh + (r ⊙ h_{t−1})·R_h)</c>. Dropout as in <see cref="LstmCell"/>, with three masks per side.
/// </remarks>
public sealed class GruCell : StandardRnnCell
{
    public GruCell(
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
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        bool resetAfter = true,
        int implementation = 2,
        string? name = null)
        : base(units, activation ?? ActivationFunction.Tanh, useBias, kernelInitializer ?? "glorot_uniform",
            recurrentInitializer ?? "orthogonal", biasInitializer ?? "zeros", kernelRegularizer, recurrentRegularizer,
            biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, name)
    {
        RecurrentActivation = recurrentActivation ?? ActivationFunction.Sigmoid;
        ResetAfter = resetAfter;
        // Keras: recurrent dropout needs a separate product per gate; the legacy value 0 behaves like 2.
        Implementation = RecurrentDropout != 0f ? 1 : implementation;
    }

    public override string KerasClassName => "GRUCell";

    public ActivationFunction RecurrentActivation { get; }

    public bool ResetAfter { get; }

    /// <summary>1 = one product per gate, 2 (or legacy 0) = one fused product; same numbers (not serialized).</summary>
    public int Implementation { get; }

    public override IReadOnlyList<int> StateSize => [Units];

    public override bool StateSizeIsList => false;

    public override int? OutputSize => Units;

    protected override int Gates => 3;

    protected override int[] BiasShape => ResetAfter ? [2, 3 * Units] : [3 * Units];

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var hPrev = states[0];
        int count = Implementation == 1 ? 3 : 1;
        var inMasks = Dropout < 1f ? InputMasks(input, training, count) : null;
        var recMasks = RecurrentDropout < 1f ? RecurrentMasks(hPrev, training, count) : null;

        Tensor? inputBias = null, recurrentBias = null;
        if (Bias is not null)
        {
            var flat = Ops.Reshape(Bias, -1);
            inputBias = ResetAfter ? SequenceOps.SliceLast(flat, 0, 3 * Units) : flat;
            recurrentBias = ResetAfter ? SequenceOps.SliceLast(flat, 3 * Units, 3 * Units) : null;
        }
        var x = Project(input, Kernel, inMasks, inputBias, gates: 3);
        // Without reset_after the candidate's recurrent product needs r first, so only z and r are projected here.
        var h = Project(hPrev, RecurrentKernel, recMasks, recurrentBias, gates: ResetAfter ? 3 : 2);

        var z = RecurrentActivation.Apply(x[0] + h[0]);
        var r = RecurrentActivation.Apply(x[1] + h[1]);
        var recurrentH = ResetAfter
            ? r * h[2]
            : Ops.MatMul(r * Masked(hPrev, recMasks, recMasks is { Length: 3 } ? 2 : 0), Block(RecurrentKernel, 2));
        var candidate = Activation.Apply(x[2] + recurrentH);
        var hNew = z * hPrev + (1f - z) * candidate;
        return (hNew, [hNew]);
    }

    /// <summary>
    /// The first <paramref name="gates"/> blocks of <c>v·W + b</c>: one product when there is at most one mask, else one
    /// product per gate with that gate's masked copy of <paramref name="v"/>.
    /// </summary>
    private Tensor[] Project(Tensor v, Tensor w, Tensor[]? masks, Tensor? bias, int gates)
    {
        var blocks = new Tensor[gates];
        if (masks is not { Length: > 1 })
        {
            var kernel = gates == Gates ? w : SequenceOps.SliceLast(w, 0, gates * Units);
            var m = Ops.MatMul(Masked(v, masks, 0), kernel);
            if (bias is not null) m += bias;
            for (int k = 0; k < gates; k++) blocks[k] = Block(m, k);
            return blocks;
        }
        for (int k = 0; k < gates; k++)
        {
            blocks[k] = Ops.MatMul(Masked(v, masks, k), Block(w, k));
            if (bias is not null) blocks[k] += Block(bias, k);
        }
        return blocks;
    }

    protected override void WriteAfterActivation(JsonObject o) => o["recurrent_activation"] = RecurrentActivation.ToConfig();

    protected override void WriteAfterRecurrentDropout(JsonObject o) => o["reset_after"] = ResetAfter;
}
