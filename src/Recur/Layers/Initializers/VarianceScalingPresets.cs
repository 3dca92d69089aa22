using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// A named <see cref="VarianceScaling"/> setting; its config holds only the seed and the Keras 3.15 fan axes, as Keras
/// writes it.
/// </summary>
public abstract class VarianceScalingPreset(double scale, string mode, string distribution, int? seed, int[]? inputAxes, int[]? outputAxes)
    : VarianceScaling(scale, mode, distribution, seed, inputAxes, outputAxes)
{
    public override JsonObject GetConfig()
    {
        var config = new JsonObject { ["seed"] = Seed };
        AddAxes(config);
        return config;
    }
}

/// <summary>Glorot (Xavier) uniform. Keras: <c>keras.initializers.GlorotUniform</c>.</summary>
/// <remarks><c>U[−L, L)</c>, <c>L = √(6 / (fan_in + fan_out))</c> (scale 1, fan_avg, uniform).</remarks>
public sealed class GlorotUniform(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "GlorotUniform";
}

/// <summary>Glorot (Xavier) normal. Keras: <c>keras.initializers.GlorotNormal</c>.</summary>
/// <remarks>Truncated normal with variance <c>2 / (fan_in + fan_out)</c> (scale 1, fan_avg, truncated_normal).</remarks>
public sealed class GlorotNormal(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "GlorotNormal";
}

/// <summary>He uniform. Keras: <c>keras.initializers.HeUniform</c>.</summary>
/// <remarks><c>U[−L, L)</c>, <c>L = √(6 / fan_in)</c> (scale 2, fan_in, uniform).</remarks>
public sealed class HeUniform(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "HeUniform";
}

/// <summary>He normal. Keras: <c>keras.initializers.HeNormal</c>.</summary>
/// <remarks>Truncated normal with variance <c>2 / fan_in</c> (scale 2, fan_in, truncated_normal).</remarks>
public sealed class HeNormal(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "HeNormal";
}

/// <summary>LeCun uniform. Keras: <c>keras.initializers.LecunUniform</c>.</summary>
/// <remarks><c>U[−L, L)</c>, <c>L = √(3 / fan_in)</c> (scale 1, fan_in, uniform).</remarks>
public sealed class LecunUniform(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "LecunUniform";
}

/// <summary>LeCun normal. Keras: <c>keras.initializers.LecunNormal</c>.</summary>
/// <remarks>Truncated normal with variance <c>1 / fan_in</c> (scale 1, fan_in, truncated_normal).</remarks>
public sealed class LecunNormal(int? seed = null, int[]? inputAxes = null, int[]? outputAxes = null)
    : VarianceScalingPreset(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes)
{
    public override string KerasClassName => "LecunNormal";
}
