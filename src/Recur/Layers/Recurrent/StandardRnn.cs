using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// What <see cref="SimpleRnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> share: an <see cref="Rnn"/> over a built-in
/// cell whose hyper-parameters the layer exposes read-only, rank-3 inputs, and a flat config (RNN keys, then the cell's
/// keys, no <c>cell</c> entry).
/// </summary>
public abstract class StandardRnn : Rnn
{
    /// <summary>Wraps <paramref name="cell"/> and requires <c>[B, T, D]</c> inputs.</summary>
    protected StandardRnn(StandardRnnCell cell, bool returnSequences, bool returnState, bool goBackwards, bool stateful,
        bool unroll, bool zeroOutputForMask, Regularizer? activityRegularizer, string? name)
        : base(cell, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name)
    {
        InputSpec = new InputSpec(Rank: 3);
    }

    private StandardRnnCell StandardCell => (StandardRnnCell)Cell;

    public int Units => StandardCell.Units;
    public ActivationFunction Activation => StandardCell.Activation;
    public bool UseBias => StandardCell.UseBias;
    public Initializer KernelInitializer => StandardCell.KernelInitializer;
    public Initializer RecurrentInitializer => StandardCell.RecurrentInitializer;
    public Initializer BiasInitializer => StandardCell.BiasInitializer;
    public Regularizer? KernelRegularizer => StandardCell.KernelRegularizer;
    public Regularizer? RecurrentRegularizer => StandardCell.RecurrentRegularizer;
    public Regularizer? BiasRegularizer => StandardCell.BiasRegularizer;
    public Constraint? KernelConstraint => StandardCell.KernelConstraint;
    public Constraint? RecurrentConstraint => StandardCell.RecurrentConstraint;
    public Constraint? BiasConstraint => StandardCell.BiasConstraint;
    public float Dropout => StandardCell.Dropout;
    public float RecurrentDropout => StandardCell.RecurrentDropout;
    public int? Seed => StandardCell.Seed;

    /// <summary>RNN keys without <c>cell</c>, then the cell's hyper-parameters with <c>activity_regularizer</c> (§3.5).</summary>
    public override JsonObject GetConfig()
    {
        var o = RnnConfig(writeActivityRegularizer: false);
        StandardCell.WriteHyperParameters(o, writeActivityRegularizer: true, ActivityRegularizer);
        return o;
    }

    /// <summary>
    /// Keras's <c>use_cudnn</c> as a nullable flag (null = <c>"auto"</c>); rewrites the config value so that the binder
    /// sees a boolean, and rejects anything but <c>"auto"</c>, true and false.
    /// </summary>
    internal static JsonObject NormalizeUseCudnn(JsonObject config, string className)
    {
        if (config["use_cudnn"] is JsonValue v && v.TryGetValue(out string? s))
        {
            if (s != "auto")
                throw new ArgumentException($"{className}: invalid use_cudnn '{s}'; expected one of 'auto', True, False.");
            config.Remove("use_cudnn");
        }
        return config;
    }

    /// <summary>The Keras value of <c>use_cudnn</c>: <c>"auto"</c>, true or false.</summary>
    internal static object UseCudnnValue(bool? useCudnn) => useCudnn is bool b ? b : "auto";
}
