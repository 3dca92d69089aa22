namespace Recur.Layers;

/// <summary>Mean over the time axis: <c>[B, T, F] → [B, F]</c>. Keras: <c>keras.layers.GlobalAveragePooling1D</c>.</summary>
/// <remarks>With a mask <c>[B, T]</c>: <c>Σ_t x·m / Σ_t m</c>, so masked steps do not count.</remarks>
public sealed class GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepdims, name)
{
    public override string KerasClassName => "GlobalAveragePooling1D";

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        if (options.Mask is not { } mask) return [Ops.Sum(x, StepAxis, Keepdims) * (1f / x.Dims[StepAxis])];
        var m = Broadcastable(mask);
        return [Ops.Sum(x * m, StepAxis, Keepdims) / Ops.Sum(m, StepAxis, Keepdims)];
    }
}
