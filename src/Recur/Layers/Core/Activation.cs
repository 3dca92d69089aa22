using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Applies an activation function: <c>new Activation("softmax")</c>. Keras: <c>keras.layers.Activation</c>.</summary>
/// <remarks>The function itself is an <see cref="ActivationFunction"/> (what <c>activation:</c> arguments take).</remarks>
public sealed class Activation : Layer
{
    public Activation(ActivationFunction activation, string? name = null) : base(name)
    {
        Function = activation ?? throw new ArgumentNullException(nameof(activation));
    }

    /// <summary>The function applied (Keras's <c>activation</c> attribute).</summary>
    public ActivationFunction Function { get; }

    public override string KerasClassName => "Activation";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["activation"] = Function.ToConfig();
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [Function.Apply(inputs[0])];

    /// <summary>The inference stage: the function's span form; none for scalar samples, whose last axis would be the batch.</summary>
    internal override InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = sampleShape.Length == 0 ? "samples are scalars"
            : !Function.HasSpanForm ? $"activation '{Function.Name}' has no span form"
            : "";
        return whyNot.Length > 0 ? null : new ActivationStage(sampleShape, Function);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
