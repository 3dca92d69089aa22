using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Randomly zeroes inputs during training, scaling the rest by <c>1/(1−rate)</c>. Keras: <c>keras.layers.Dropout</c>.</summary>
/// <remarks>Inverted dropout: <c>y = keep ? x/(1−rate) : 0</c> with <c>P(keep) = 1 − rate</c>; identity at inference.
/// <c>noise_shape</c> (null entries = the input's size) shares one keep decision along its size-1 axes.</remarks>
public sealed class Dropout : Layer
{
    private readonly SeedGenerator? _seedGenerator;

    public Dropout(float rate, int?[]? noiseShape = null, int? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0f && rate <= 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: invalid value received for argument `rate`. Expected a float value between 0 and 1; received rate={rate}.");
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        if (rate > 0f) _seedGenerator = AddSeedGenerator(seed);
    }

    public float Rate { get; }
    public int?[]? NoiseShape { get; }
    public int? Seed { get; }

    public override string KerasClassName => "Dropout";

    public override bool SupportsMasking => true;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["rate"] = Rate;
        c["seed"] = Seed;
        c["noise_shape"] = NoiseShape is null ? null : KerasSerializer.ShapeToJson(NoiseShape);
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        if (!options.Training || Rate == 0f) return [x];
        int[] shape = NoiseShape is null ? x.Shape : NoiseShape.Select((d, i) => d ?? x.Dims[i]).ToArray();
        if (shape.Length != x.Rank)
            throw new ShapeMismatchException($"Dropout '{Name}': noise_shape {InputSpec.Format(NoiseShape)} must have the input's rank {x.Rank}; input shape {Shapes.Format(x.Dims)}.");
        float keep = 1f - Rate, scale = keep > 0f ? 1f / keep : 0f;
        var mask = Tensor.Zeros(shape);
        var m = mask.AsSpan();
        for (int i = 0; i < m.Length; i++) m[i] = _seedGenerator!.NextUniform() < keep ? scale : 0f;
        return [x * mask];
    }

    /// <summary>The identity: dropout acts only in training.</summary>
    internal override InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = "";
        return InferenceStage.Identity(sampleShape);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
