using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>A scaled identity matrix (2-D weights only). Keras: <c>keras.initializers.Identity</c>.</summary>
/// <remarks><c>gain · eye(rows, cols)</c>: ones on the main diagonal of a possibly rectangular matrix.</remarks>
public sealed class Identity(double gain = 1.0) : Initializer
{
    public double Gain { get; } = gain;

    public override string KerasClassName => "Identity";

    public override Tensor Generate(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length != 2)
            throw new ArgumentException(
                $"Identity matrix initializer can only be used for 2D matrices. Received: shape={Shapes.Format(shape)} of rank {shape.Length}.", nameof(shape));
        var t = Tensor.Zeros(shape);
        for (int i = 0; i < Math.Min(shape[0], shape[1]); i++) t[i, i] = (float)Gain;
        return t;
    }

    public override JsonObject GetConfig() => new() { ["gain"] = Gain };
}
