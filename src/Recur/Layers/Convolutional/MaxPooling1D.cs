namespace Recur.Layers;

/// <summary>1-D max pooling, <c>[B, steps, C] → [B, steps', C]</c>; the window defaults to 2 on every axis. Keras: <c>keras.layers.MaxPooling1D</c>.</summary>
public sealed class MaxPooling1D(int[]? poolSize = null, int[]? strides = null, Padding padding = Padding.Valid, string? dataFormat = null, string? name = null)
    : BasePooling(1, poolSize, strides, padding, dataFormat, name)
{
    public override string KerasClassName => "MaxPooling1D";
}
