namespace Recur.Layers;

/// <summary>Maximum over the time axis: <c>[B, T, F] → [B, F]</c>. Keras: <c>keras.layers.GlobalMaxPooling1D</c>.</summary>
/// <remarks>With a mask, masked steps are replaced by the lowest float before the maximum, so they never win.</remarks>
public sealed class GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepdims, name)
{
    public override string KerasClassName => "GlobalMaxPooling1D";

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        if (options.Mask is { } mask)
        {
            var m = Broadcastable(mask);
            x = x * m + (1f - m) * float.MinValue;   // exact: x·1 + 0 keeps x, x·0 + min is min
        }
        return [Ops.Max(x, StepAxis, Keepdims)];
    }
}
