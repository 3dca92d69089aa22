using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Masks timesteps whose features all equal <c>mask_value</c>. Keras: <c>keras.layers.Masking</c>.</summary>
/// <remarks>mask[b, t] = any_f(x[b, t, f] ≠ mask_value); the output is <c>x · mask</c> (masked steps become zeros).</remarks>
public sealed class Masking : Layer
{
    public Masking(float maskValue = 0f, string? name = null) : base(name) => MaskValue = maskValue;

    public float MaskValue { get; }

    public override string KerasClassName => "Masking";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["mask_value"] = MaskValue;
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        var keep = StepMask(x);
        return [x * Ops.Reshape(keep, [.. keep.Dims, 1])];
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => [StepMask(inputs[0])];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];

    /// <summary>1 where any feature of the step differs from <see cref="MaskValue"/>, else 0; shape = input shape without the last axis.</summary>
    private Tensor StepMask(Tensor x)
    {
        int features = x.Dims[^1];
        var m = Tensor.Zeros(x.Dims[..^1]);
        var xs = x.AsReadOnlySpan();
        var ms = m.AsSpan();
        for (int i = 0; i < ms.Length; i++)
        {
            var row = xs.Slice(i * features, features);
            foreach (float v in row)
                if (v != MaskValue) { ms[i] = 1f; break; }
        }
        return m;
    }
}
