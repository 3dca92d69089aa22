using System.Text.Json.Nodes;
using Recur.Kernels.Recurrent;

namespace Recur.Layers;

/// <summary>
/// What the built-in cells (<see cref="SimpleRnnCell"/>, <see cref="LstmCell"/>, <see cref="GruCell"/>) share: units,
/// activation, the <c>kernel</c> <c>[D, G·U]</c> / <c>recurrent_kernel</c> <c>[U, G·U]</c> / <c>bias</c> weights of
/// <c>G</c> gate blocks, their initializers, regularizers and constraints, and dropout.
/// </summary>
public abstract class StandardRnnCell : DropoutRnnCell
{
    /// <summary>Validates <paramref name="units"/> and resolves the initializer names to new objects.</summary>
    protected StandardRnnCell(int units, ActivationFunction activation, bool useBias, Initializer kernelInitializer,
        Initializer recurrentInitializer, Initializer biasInitializer, Regularizer? kernelRegularizer,
        Regularizer? recurrentRegularizer, Regularizer? biasRegularizer, Constraint? kernelConstraint,
        Constraint? recurrentConstraint, Constraint? biasConstraint, float dropout, float recurrentDropout, int? seed,
        string? name)
        : base(dropout, recurrentDropout, seed, name)
    {
        Units = PositiveUnits(units, KerasClassName);
        Activation = activation ?? ActivationFunction.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? throw new ArgumentNullException(nameof(kernelInitializer));
        RecurrentInitializer = recurrentInitializer ?? throw new ArgumentNullException(nameof(recurrentInitializer));
        BiasInitializer = biasInitializer ?? throw new ArgumentNullException(nameof(biasInitializer));
        KernelRegularizer = kernelRegularizer;
        RecurrentRegularizer = recurrentRegularizer;
        BiasRegularizer = biasRegularizer;
        KernelConstraint = kernelConstraint;
        RecurrentConstraint = recurrentConstraint;
        BiasConstraint = biasConstraint;
    }

    public int Units { get; }
    public ActivationFunction Activation { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer RecurrentInitializer { get; }
    public Initializer BiasInitializer { get; }
    public Regularizer? KernelRegularizer { get; }
    public Regularizer? RecurrentRegularizer { get; }
    public Regularizer? BiasRegularizer { get; }
    public Constraint? KernelConstraint { get; }
    public Constraint? RecurrentConstraint { get; }
    public Constraint? BiasConstraint { get; }

    /// <summary>Number of gate blocks <c>G</c> in the kernels (SimpleRNN 1, GRU 3, LSTM 4).</summary>
    protected abstract int Gates { get; }

    /// <summary><c>kernel</c> <c>[D, G·U]</c>; set by <see cref="BuildCore"/>.</summary>
    protected Variable Kernel { get; private set; } = null!;

    /// <summary><c>recurrent_kernel</c> <c>[U, G·U]</c>.</summary>
    protected Variable RecurrentKernel { get; private set; } = null!;

    /// <summary><c>bias</c>, or null without <see cref="UseBias"/>.</summary>
    protected Variable? Bias { get; private set; }

    /// <summary>Shape of the bias (GRU with <c>reset_after</c>: <c>[2, 3U]</c>).</summary>
    protected virtual int[] BiasShape => [Gates * Units];

    /// <summary>The initializer the bias is created with (LSTM: with the unit forget bias block).</summary>
    protected virtual Initializer BiasInitializerForBuild => BiasInitializer;

    /// <summary>Creates <c>kernel</c>, <c>recurrent_kernel</c> and <c>bias</c>, in that (Keras) order.</summary>
    protected override void BuildCore(int?[] inputShape)
    {
        int features = inputShape[^1] ?? throw new ArgumentException(
            $"{KerasClassName} '{Name}': the last dimension of the inputs must be defined; received shape {InputSpec.Format(inputShape)}.");
        Kernel = AddWeight("kernel", [features, Gates * Units], KernelInitializer, KernelRegularizer, KernelConstraint);
        RecurrentKernel = AddWeight("recurrent_kernel", [Units, Gates * Units], RecurrentInitializer, RecurrentRegularizer, RecurrentConstraint);
        Bias = UseBias ? AddWeight("bias", BiasShape, BiasInitializerForBuild, BiasRegularizer, BiasConstraint) : null;
    }

    /// <summary>
    /// The fused path's one predicate: a call runs the whole-sequence kernel of <see cref="CellSequencePlan"/> exactly when
    /// <list type="bullet">
    /// <item>the generic path is not forced (<see cref="RnnPaths.ForceGenericLoop"/>, tests only);</item>
    /// <item>the cell is one of the sealed built-ins <see cref="SimpleRnnCell"/>, <see cref="LstmCell"/>, <see cref="GruCell"/>
    /// (a subclass of this class may step differently);</item>
    /// <item>the inputs are <c>[B, T, D]</c> (a plain <see cref="Rnn"/> also accepts higher ranks);</item>
    /// <item>every activation it applies is one the kernel implements (linear, tanh, sigmoid, hard_sigmoid, relu);</item>
    /// <item>no dropout mask is applied in this call: the same condition as the step's (training, and a rate in (0, 1),
    /// or in (0, 1] for SimpleRNN, which also applies a rate of 1).</item>
    /// </list>
    /// Everything else is the kernel's too: masks of any pattern (§2.5, zero_output_for_mask included), go_backwards,
    /// given / stored / zero initial states, no bias, GRU reset_after either way, and unroll (it never changes the
    /// numbers). The layer's stateful storage and output selection stay outside, shared with the generic loop.
    /// </summary>
    internal override FusedPlan? TryFuse(in FusedCallInfo info, out string whyNot)
    {
        var (kind, recurrentActivation) = this switch
        {
            LstmCell lstm => ((FusedCell?)FusedCell.Lstm, lstm.RecurrentActivation),
            GruCell gru => (FusedCell.Gru, gru.RecurrentActivation),
            SimpleRnnCell => (FusedCell.SimpleRnn, null),
            _ => ((FusedCell?)null, (ActivationFunction?)null),
        };
        var activation = Activation.KernelKind;
        // SimpleRNN has no recurrent activation: the slot keeps the kernel's default, which it never reads.
        var gateActivation = recurrentActivation is null ? Kernels.Recurrent.ActivationKind.Sigmoid : recurrentActivation.KernelKind;
        var unfused = activation is null ? Activation : gateActivation is null ? recurrentActivation : null;
        whyNot = RnnPaths.ForceGenericLoop ? "the generic path is forced (tests)"
            : kind is null ? $"no fused kernel for {GetType().Name}"
            : info.Inputs.Rank != 3 ? $"inputs of rank {info.Inputs.Rank}; the fused kernels take [B, T, D]"
            : unfused is { Kind: ActivationKind.Custom } ? $"custom activation '{unfused.Name}'"
            : unfused is not null ? $"activation '{unfused.Name}' has no fused form"
            : info.Training && (DropoutApplied(Dropout) || DropoutApplied(RecurrentDropout)) ? "dropout in training"
            : "";
        if (whyNot.Length > 0) return null;
        var options = new SequenceOptions
        {
            Activation = activation!.Value,
            RecurrentActivation = gateActivation!.Value,
            ResetAfter = this is not GruCell { ResetAfter: false },
        };
        return new CellSequencePlan(kind!.Value, Kernel.Value, RecurrentKernel.Value, Bias?.Value, options);

        // Mirrors the steps: LSTM/GRU apply masks only for 0 < rate < 1 (Keras), SimpleRNN for any rate > 0.
        bool DropoutApplied(float rate) => rate > 0f && (rate < 1f || this is SimpleRnnCell);
    }

    /// <summary>Gate block <paramref name="gate"/> (columns <c>[gate·U, (gate+1)·U)</c>) of a <c>[…, G·U]</c> tensor.</summary>
    protected Tensor Block(Tensor t, int gate) => SequenceOps.SliceLast(t, gate * Units, Units);

    /// <summary>Multiplies by a dropout mask when there is one.</summary>
    protected static Tensor Masked(Tensor t, Tensor[]? masks, int index) => masks is null ? t : t * masks[index];

    /// <summary>The cell config: base keys then the hyper-parameters (<see cref="WriteHyperParameters"/>).</summary>
    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        WriteHyperParameters(o, writeActivityRegularizer: false, activityRegularizer: null);
        return o;
    }

    /// <summary>
    /// Writes the hyper-parameter keys in Keras's layer order (§3.5). The layers (not the cells) also write
    /// <c>activity_regularizer</c>, between the regularizers and the constraints.
    /// </summary>
    protected internal void WriteHyperParameters(JsonObject o, bool writeActivityRegularizer, Regularizer? activityRegularizer)
    {
        o["units"] = Units;
        o["activation"] = Activation.ToConfig();
        WriteAfterActivation(o);
        o["use_bias"] = UseBias;
        o["kernel_initializer"] = KernelInitializer.ToConfig();
        o["recurrent_initializer"] = RecurrentInitializer.ToConfig();
        o["bias_initializer"] = BiasInitializer.ToConfig();
        WriteAfterBiasInitializer(o);
        o["kernel_regularizer"] = KernelRegularizer?.ToConfig();
        o["recurrent_regularizer"] = RecurrentRegularizer?.ToConfig();
        o["bias_regularizer"] = BiasRegularizer?.ToConfig();
        if (writeActivityRegularizer) o["activity_regularizer"] = activityRegularizer?.ToConfig();
        o["kernel_constraint"] = KernelConstraint?.ToConfig();
        o["recurrent_constraint"] = RecurrentConstraint?.ToConfig();
        o["bias_constraint"] = BiasConstraint?.ToConfig();
        o["dropout"] = Dropout;
        o["recurrent_dropout"] = RecurrentDropout;
        WriteAfterRecurrentDropout(o);
        o["seed"] = Seed;
    }

    /// <summary>Keys after <c>activation</c> (<c>recurrent_activation</c>).</summary>
    protected virtual void WriteAfterActivation(JsonObject o) { }

    /// <summary>Keys after <c>bias_initializer</c> (<c>unit_forget_bias</c>).</summary>
    protected virtual void WriteAfterBiasInitializer(JsonObject o) { }

    /// <summary>Keys after <c>recurrent_dropout</c> (<c>reset_after</c>).</summary>
    protected virtual void WriteAfterRecurrentDropout(JsonObject o) { }
}
