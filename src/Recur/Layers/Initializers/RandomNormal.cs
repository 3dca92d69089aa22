using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The shared parameters and config of <see cref="RandomNormal"/> and <see cref="TruncatedNormal"/>.</summary>
public abstract class NormalDistributionInitializer(double mean, double stddev, int? seed) : RandomInitializer(seed)
{
    public double Mean { get; } = mean;

    public double Stddev { get; } = stddev;

    /// <summary>Keras order: <c>seed</c>, <c>mean</c>, <c>stddev</c>.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["mean"] = Mean;
        config["stddev"] = Stddev;
        return config;
    }
}

/// <summary>Normally distributed values. Keras: <c>keras.initializers.RandomNormal</c>.</summary>
/// <remarks><c>mean + stddev · N(0, 1)</c>.</remarks>
public sealed class RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null)
    : NormalDistributionInitializer(mean, stddev, seed)
{
    public override string KerasClassName => "RandomNormal";

    public override Tensor Generate(int[] shape) => NewStream().Normal(shape, Mean, Stddev);
}

/// <summary>Normal values re-drawn when more than two standard deviations from the mean. Keras: <c>keras.initializers.TruncatedNormal</c>.</summary>
/// <remarks><c>mean + stddev · z</c>, <c>z ~ N(0, 1)</c> conditioned on <c>|z| ≤ 2</c> (so the spread is 0.8796·stddev).</remarks>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null)
    : NormalDistributionInitializer(mean, stddev, seed)
{
    public override string KerasClassName => "TruncatedNormal";

    public override Tensor Generate(int[] shape) => NewStream().TruncatedNormal(shape, Mean, Stddev);
}
