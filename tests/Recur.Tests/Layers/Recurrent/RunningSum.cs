using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>
/// A sequence layer that is not an RNN, for testing the <see cref="Bidirectional"/> contract: per feature,
/// <c>h = decay·h + scale ⊙ x_t</c> on valid steps, and a second state <c>n</c> <c>[B, 1]</c> counting valid steps.
/// Masked steps hold both states and emit zeros (<c>zero_output_for_mask</c>) or the previous output.
/// </summary>
public sealed class RunningSum : Layer, ISequenceLayer
{
    private Tensor[]? _stored;

    public RunningSum(float decay = 0.5f, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool zeroOutputForMask = false, string useCudnn = "auto", string? name = null) : base(name)
    {
        UseCudnn = useCudnn;
        (Decay, ReturnSequences, ReturnState, GoBackwards, Stateful, ZeroOutputForMask) =
            (decay, returnSequences, returnState, goBackwards, stateful, zeroOutputForMask);
        InputSpec = new InputSpec(Rank: 3);
    }

    /// <summary>Registers the class for the config path (Keras: register_keras_serializable).</summary>
    public static void Register() => KerasRegistry.RegisterLayer<RunningSum>("RunningSum");

    public override string KerasClassName => "RunningSum";

    public override string KerasModule => "recur_tests";

    public float Decay { get; }
    public bool ReturnSequences { get; }
    public bool ReturnState { get; }
    public bool GoBackwards { get; }
    public bool Stateful { get; }
    public bool? ZeroOutputForMask { get; set; }
    public int StateCount => 2;

    /// <summary>A constructor argument that the config does not carry, like Keras's use_cudnn.</summary>
    public string UseCudnn { get; set; }

    /// <summary>The options of the last call (to see what the wrapper passed on).</summary>
    public CallOptions? LastOptions { get; private set; }

    public Variable Scale { get; private set; } = null!;

    public IReadOnlyList<Tensor>? States => Stateful && _stored is not null ? _stored : null;

    public void ResetStates()
    {
        if (_stored is null) return;
        foreach (var s in _stored) s.AsSpan().Clear();
    }

    public void ResetStates(IReadOnlyList<Tensor> states)
    {
        if (states.Count != 2) throw new ArgumentException($"RunningSum '{Name}': expected 2 states; received {states.Count}.");
        _stored = [states[0].Clone(), states[1].Clone()];
    }

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["decay"] = Decay;
        c["return_sequences"] = ReturnSequences;
        c["return_state"] = ReturnState;
        c["go_backwards"] = GoBackwards;
        c["stateful"] = Stateful;
        c["zero_output_for_mask"] = ZeroOutputForMask;
        return c;
    }

    protected override void BuildCore(int?[] inputShape) =>
        Scale = AddWeight("scale", [inputShape[^1]!.Value], new Constant(1f));

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        LastOptions = options;
        var x = inputs[0];
        int batch = x.Dim(0), steps = x.Dim(1), features = x.Dim(2);
        var h = (options.InitialState?[0] ?? (Stateful ? _stored?[0] : null))?.ToArray() ?? new float[batch * features];
        var n = (options.InitialState?[1] ?? (Stateful ? _stored?[1] : null))?.ToArray() ?? new float[batch];
        var seq = new float[batch * steps * features];
        var last = new float[batch * features];
        var scale = Scale.Value.ToArray();
        for (int b = 0; b < batch; b++)
        {
            var prev = new float[features];
            for (int s = 0; s < steps; s++)
            {
                int t = GoBackwards ? steps - 1 - s : s;
                bool valid = options.Mask is null || options.Mask[b, t] != 0f;
                if (valid) n[b] += 1f;
                for (int f = 0; f < features; f++)
                {
                    if (valid) h[b * features + f] = Decay * h[b * features + f] + scale[f] * x[b, t, f];
                    float o = valid ? h[b * features + f] : ZeroOutputForMask == true ? 0f : prev[f];
                    prev[f] = o;
                    seq[(b * steps + s) * features + f] = o;
                }
            }
            prev.CopyTo(last, b * features);
        }
        var states = new[] { new Tensor(h, batch, features), new Tensor(n, batch, 1) };
        if (Stateful) _stored = [states[0].Clone(), states[1].Clone()];
        var output = ReturnSequences ? new Tensor(seq, batch, steps, features) : new Tensor(last, batch, features);
        return ReturnState ? [output, .. states] : [output];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] s)
    {
        int?[] output = ReturnSequences ? [s[0], s[1], s[2]] : [s[0], s[2]];
        return ReturnState ? [output, [s[0], s[2]], [s[0], 1]] : [output];
    }
}

/// <summary>A layer that does not process sequences (like Dense), which Bidirectional must reject.</summary>
public sealed class NotASequence(string? name = null) : Layer(name)
{
    public override string KerasClassName => "NotASequence";

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [inputs[0]];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
