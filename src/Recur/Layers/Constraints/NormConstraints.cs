using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Shared parts of the constraints that rescale weight slices by their L2 norm: the norm over <see cref="Axis"/>
/// (kept as size-1 axes), Keras's epsilon, and the <c>axis</c> config value (an integer, or a list for several axes).
/// </summary>
public abstract class NormConstraint : Constraint
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to each norm before dividing by it.</summary>
    public const float Epsilon = 1e-7f;

    private protected NormConstraint(int[]? axis) => Axis = axis is null || axis.Length == 0 ? [0] : (int[])axis.Clone();

    /// <summary>The axes the norm is taken over (Keras's <c>axis</c>; 0 by default: each column of a Dense kernel).</summary>
    public int[] Axis { get; }

    /// <summary><c>w · desired(n) / (ε + n)</c> with <c>n = √Σ w²</c> over <see cref="Axis"/>; not differentiated.</summary>
    private protected Tensor Rescale(Tensor weight, Func<float, float> desired)
    {
        using var _ = Autograd.NoGrad();
        var norms = Norms(weight);
        var factor = norms.ToArray().Select(n => desired(n) / (Epsilon + n)).ToArray();
        return weight * new Tensor(factor, norms.Shape);
    }

    /// <summary><c>√Σ w²</c> over <see cref="Axis"/>, the reduced axes kept with size 1.</summary>
    private protected Tensor Norms(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Ops.Sqrt(Ops.Sum(weight * weight, Axis, keepDims: true));
    }

    /// <summary>The <c>axis</c> config value: an integer for one axis, a list otherwise.</summary>
    private protected JsonNode AxisConfig() =>
        Axis.Length == 1 ? JsonValue.Create(Axis[0]) : new JsonArray(Axis.Select(a => (JsonNode?)a).ToArray());
}

/// <summary>Caps the L2 norm of each weight slice. Keras: <c>keras.constraints.MaxNorm</c>.</summary>
/// <remarks><c>w · clip(n, 0, max_value) / (ε + n)</c>, <c>n = √Σ w²</c> over <c>axis</c>, ε = 1e-7.</remarks>
[method: KerasConstructor]
public sealed class MaxNorm(float maxValue = 2f, int[]? axis = null) : NormConstraint(axis)
{
    /// <summary>Norm over one axis.</summary>
    public MaxNorm(float maxValue, int axis) : this(maxValue, [axis]) { }

    public float MaxValue { get; } = maxValue;

    public override string KerasClassName => "MaxNorm";

    public override Tensor Apply(Tensor weight) => Rescale(weight, n => Math.Clamp(n, 0f, MaxValue));

    public override JsonObject GetConfig() => new() { ["max_value"] = MaxValue, ["axis"] = AxisConfig() };
}

/// <summary>Keeps the L2 norm of each weight slice within bounds. Keras: <c>keras.constraints.MinMaxNorm</c>.</summary>
/// <remarks>
/// <c>w · (rate · clip(n, min_value, max_value) + (1 − rate) · n) / (ε + n)</c>, <c>n = √Σ w²</c> over <c>axis</c>,
/// ε = 1e-7; rate 1 enforces the bounds at once, a smaller rate moves the norm part of the way.
/// </remarks>
[method: KerasConstructor]
public sealed class MinMaxNorm(float minValue = 0f, float maxValue = 1f, float rate = 1f, int[]? axis = null) : NormConstraint(axis)
{
    /// <summary>Norm over one axis.</summary>
    public MinMaxNorm(float minValue, float maxValue, float rate, int axis) : this(minValue, maxValue, rate, [axis]) { }

    public float MinValue { get; } = minValue;

    public float MaxValue { get; } = maxValue;

    public float Rate { get; } = rate;

    public override string KerasClassName => "MinMaxNorm";

    public override Tensor Apply(Tensor weight) =>
        Rescale(weight, n => Rate * Math.Clamp(n, MinValue, MaxValue) + (1 - Rate) * n);

    public override JsonObject GetConfig() => new()
    {
        ["min_value"] = MinValue, ["max_value"] = MaxValue, ["rate"] = Rate, ["axis"] = AxisConfig(),
    };
}

/// <summary>Scales each weight slice to unit L2 norm. Keras: <c>keras.constraints.UnitNorm</c>.</summary>
/// <remarks><c>w / (ε + n)</c>, <c>n = √Σ w²</c> over <c>axis</c>, ε = 1e-7.</remarks>
[method: KerasConstructor]
public sealed class UnitNorm(int[]? axis = null) : NormConstraint(axis)
{
    /// <summary>Norm over one axis.</summary>
    public UnitNorm(int axis) : this([axis]) { }

    public override string KerasClassName => "UnitNorm";

    public override Tensor Apply(Tensor weight)
    {
        // Divides (Keras's order of operations) rather than multiplying by a reciprocal, so results match to the bit.
        using var _ = Autograd.NoGrad();
        return weight / (Norms(weight) + Epsilon);
    }

    public override JsonObject GetConfig() => new() { ["axis"] = AxisConfig() };
}
