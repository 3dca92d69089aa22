using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Fills with one scalar value. Keras: <c>keras.initializers.Constant</c>.</summary>
public sealed class Constant(float value = 0f) : Initializer
{
    public float Value { get; } = value;

    public override string KerasClassName => "Constant";

    public override Tensor Generate(int[] shape) => Tensor.Full(Value, shape);

    public override JsonObject GetConfig() => new() { ["value"] = Value };
}

/// <summary>Fills with zeros. Keras: <c>keras.initializers.Zeros</c>.</summary>
public sealed class Zeros : Initializer
{
    public override string KerasClassName => "Zeros";

    public override Tensor Generate(int[] shape) => Tensor.Zeros(shape);
}

/// <summary>Fills with ones. Keras: <c>keras.initializers.Ones</c>.</summary>
public sealed class Ones : Initializer
{
    public override string KerasClassName => "Ones";

    public override Tensor Generate(int[] shape) => Tensor.Ones(shape);
}
