using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Reshapes every sample to <c>target_shape</c> (one entry may be −1): <c>[B, …] → [B, *target_shape]</c>. Keras: <c>keras.layers.Reshape</c>.</summary>
public sealed class Reshape : Layer
{
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d < -1 || d == 0))
            throw new ArgumentException($"Reshape: target_shape may hold positive sizes and at most one -1; received {Shapes.Format(targetShape)}.", nameof(targetShape));
        TargetShape = (int[])targetShape.Clone();
    }

    public int[] TargetShape { get; }

    public override string KerasClassName => "Reshape";

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["target_shape"] = new JsonArray(TargetShape.Select(d => (JsonNode?)d).ToArray());
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        var sample = Resolve(x.Dims.Skip(1).Select(d => (int?)d).ToArray());
        return [Ops.Reshape(x, [x.Dims[0], .. sample.Select(d => d!.Value)])];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [[inputShape[0], .. Resolve(inputShape[1..])]];

    /// <summary>The target shape with −1 replaced by the size that keeps the element count (null when unknown).</summary>
    private int?[] Resolve(int?[] sampleShape)
    {
        int? total = 1;
        foreach (var d in sampleShape) total *= d;
        int known = TargetShape.Where(d => d != -1).Aggregate(1, (a, d) => a * d);
        if (total is int t && (TargetShape.Contains(-1) ? t % known != 0 : t != known))
            throw new ShapeMismatchException(
                $"Reshape '{Name}': the total size of the new array must be unchanged; input sample shape {InputSpec.Format(sampleShape)}, target_shape {Shapes.Format(TargetShape)}.");
        return TargetShape.Select(d => d == -1 ? total / known : d).ToArray();
    }
}
