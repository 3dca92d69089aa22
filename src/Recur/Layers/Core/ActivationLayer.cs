using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Applies an activation function. Keras: <c>keras.layers.Activation</c> (named <c>ActivationLayer</c> in .NET
/// because <see cref="Layers.Activation"/> is the function type).</summary>
public sealed class ActivationLayer : Layer
{
    public ActivationLayer(Activation activation, string? name = null) : base(name)
    {
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
    }

    public Activation Activation { get; }

    public override string KerasClassName => "Activation";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["activation"] = Activation.ToConfig();
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [Activation.Apply(inputs[0])];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
