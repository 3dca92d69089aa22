using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Applies the same inner layer (same weights) to every time slice <c>x[:, t]</c>. Keras: <c>keras.layers.TimeDistributed</c>.</summary>
/// <remarks>The inner layer is built with <c>[B, *shape[2:]]</c>; the output is <c>[B, T, *inner_out[1:]]</c>. Each step gets
/// <c>mask[:, t]</c> and the training flag, as Keras passes them to an inner call that accepts them.</remarks>
public sealed class TimeDistributed : Layer
{
    public TimeDistributed(Layer layer, string? name = null) : base(name)
    {
        Layer = layer ?? throw new ArgumentException("TimeDistributed: please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance; received null.", nameof(layer));
        Track(layer);
        InputSpec = new InputSpec(MinRank: 3);
    }

    /// <summary>The wrapped layer.</summary>
    public Layer Layer { get; }

    public override string KerasClassName => "TimeDistributed";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["layer"] = KerasSerializer.Serialize(Layer);
        return c;
    }

    protected override void BuildCore(int?[] inputShape)
    {
        if (inputShape.Length < 3)
            throw new ShapeMismatchException($"TimeDistributed '{Name}': `TimeDistributed` layer requires inputs of rank >= 3; received input shape {InputSpec.Format(inputShape)}.");
        Layer.Build(StepShape(inputShape));
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        int batch = x.Dims[0], steps = x.Dims[1];
        if (options.Mask is { } mask && (mask.Rank < 2 || mask.Dims[0] != batch || mask.Dims[1] != steps))
            throw new ShapeMismatchException(
                $"TimeDistributed '{Name}': the `mask` passed to the `TimeDistributed` layer has a shape {Shapes.Format(mask.Dims)} incompatible with the input shape {Shapes.Format(x.Dims)}; expected [{batch}, {steps}, ...].");
        var outputs = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            var step = Ops.Squeeze(Ops.Slice(x, 1, t, 1), 1);
            var stepMask = options.Mask is { } m ? Ops.Squeeze(Ops.Slice(m, 1, t, 1), 1) : null;
            outputs[t] = Layer.Invoke([step], new CallOptions { Training = options.Training, Mask = stepMask })[0];
        }
        return [Ops.Stack(outputs, 1)];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length < 3)
            throw new ShapeMismatchException($"TimeDistributed '{Name}': `TimeDistributed` layer requires inputs of rank >= 3; received input shape {InputSpec.Format(inputShape)}.");
        var inner = Layer.ComputeOutputShape(StepShape(inputShape))[0];
        return [[inner[0], inputShape[1], .. inner[1..]]];
    }

    private static int?[] StepShape(int?[] s) => [s[0], .. s[2..]];
}
