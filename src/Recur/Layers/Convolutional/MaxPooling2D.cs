namespace Recur.Layers;

/// <summary>2-D max pooling, <c>[B, H, W, C] → [B, H', W', C]</c>; the window defaults to 2 on every axis. Keras: <c>keras.layers.MaxPooling2D</c>.</summary>
public sealed class MaxPooling2D(int[]? poolSize = null, int[]? strides = null, Padding padding = Padding.Valid, string? dataFormat = null, string? name = null)
    : BasePooling(2, poolSize, strides, padding, dataFormat, name)
{
    public override string KerasClassName => "MaxPooling2D";
}
