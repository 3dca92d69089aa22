using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Tests.Layers;

/// <summary>A minimal layer with one weight: <c>y = x ⊙ scale</c>, <c>scale</c> of shape <c>[features]</c>.</summary>
public sealed class ScaleLayer(float initialValue = 1f, bool trainableScale = true, string? name = null) : Layer(name)
{
    public float InitialValue { get; } = initialValue;

    public bool TrainableScale { get; } = trainableScale;

    public Variable? Scale { get; private set; }

    public override string KerasClassName => "Scale";

    public override string KerasModule => "recur.tests";

    protected override void BuildCore(int?[] inputShape)
    {
        int features = inputShape[^1] ?? throw new ArgumentException($"Scale '{Name}': the last input dimension must be known.");
        Scale = AddWeight("scale", [features], new Constant(InitialValue), trainable: TrainableScale);
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [inputs[0] * Scale!.Value];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["initial_value"] = InitialValue;
        config["trainable_scale"] = TrainableScale;
        return config;
    }
}

/// <summary>A layer with its own weight and two tracked sub-layers, to test ordering and trainability propagation.</summary>
public sealed class PairLayer : Layer
{
    public PairLayer(string? name = null) : base(name)
    {
        First = Track(new ScaleLayer(2f, name: "first"));
        Second = Track(new ScaleLayer(3f, name: "second"));
    }

    public ScaleLayer First { get; }

    public ScaleLayer Second { get; }

    public override string KerasClassName => "Pair";

    protected override void BuildCore(int?[] inputShape)
    {
        AddWeight("bias", [inputShape[^1]!.Value], new Zeros());
        First.Build(inputShape);
        Second.Build(inputShape);
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) =>
        [Second.Apply(First.Apply(inputs[0])) + Weights[0].Value];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}

/// <summary>Creates a weight and then fails, as a build that rejects its input shape after starting would.</summary>
public sealed class FailingBuildLayer(string? name = null) : Layer(name)
{
    public bool Fail { get; set; } = true;

    public override string KerasClassName => "FailingBuild";

    protected override void BuildCore(int?[] inputShape)
    {
        AddWeight("kernel", [2, 2], new Ones());
        if (Fail) throw new InvalidOperationException("build failed on purpose");
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [inputs[0]];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
