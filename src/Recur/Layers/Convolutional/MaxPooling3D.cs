namespace Recur.Layers;

/// <summary>3-D max pooling, <c>[B, D, H, W, C] → [B, D', H', W', C]</c>; the window defaults to 2 on every axis. Keras: <c>keras.layers.MaxPooling3D</c>.</summary>
public sealed class MaxPooling3D(int[]? poolSize = null, int[]? strides = null, Padding padding = Padding.Valid, string? dataFormat = null, string? name = null)
    : BasePooling(3, poolSize, strides, padding, dataFormat, name)
{
    public override string KerasClassName => "MaxPooling3D";
}
