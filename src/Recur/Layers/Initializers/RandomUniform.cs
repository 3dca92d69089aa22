using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Uniformly distributed values. Keras: <c>keras.initializers.RandomUniform</c>.</summary>
/// <remarks><c>U[minval, maxval)</c>.</remarks>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null) : RandomInitializer(seed)
{
    public double Minval { get; } = minval;

    public double Maxval { get; } = maxval;

    public override string KerasClassName => "RandomUniform";

    public override Tensor Generate(int[] shape) => NewStream().Uniform(shape, Minval, Maxval);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["minval"] = Minval;
        config["maxval"] = Maxval;
        return config;
    }
}
