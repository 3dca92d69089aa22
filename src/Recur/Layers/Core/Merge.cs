namespace Recur.Layers;

/// <summary>Base of the element-wise merge layers (several inputs of one shape → one output). Keras: <c>keras.layers.Merge</c>.</summary>
/// <remarks>Masks follow Keras ≥ 3.4: no output mask if any input is unmasked, else the OR of the input masks.</remarks>
public abstract class Merge : Layer, IMultiInputLayer
{
    protected Merge(string? name) : base(name) { }

    public override bool SupportsMasking => true;

    /// <summary>Combines the (checked) inputs.</summary>
    protected abstract Tensor MergeFunction(IReadOnlyList<Tensor> inputs);

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        ComputeOutputShape(inputs.Select(t => t.Dims.Select(d => (int?)d).ToArray()).ToList());
        return [MergeFunction(inputs)];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];

    public virtual IReadOnlyList<int?[]> ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count < 2)
            throw new ArgumentException($"{KerasClassName} '{Name}': a merge layer should be called on a list of at least 2 inputs; received {inputShapes.Count}.");
        var first = inputShapes[0];
        foreach (var s in inputShapes.Skip(1))
        {
            bool ok = s.Length == first.Length && s.Zip(first).All(p => p.First is null || p.Second is null || p.First == p.Second);
            if (!ok)
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': inputs must have the same shape; received {string.Join(" and ", inputShapes.Select(x => InputSpec.Format(x)))}.");
        }
        return [first.Select((d, i) => d ?? inputShapes.Select(s => s[i]).FirstOrDefault(x => x is not null)).ToArray()];
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask)
    {
        if (inputs.Any(t => t.KerasMask is null)) return [null];
        var result = inputs[0].KerasMask!.Clone();
        var r = result.AsSpan();
        foreach (var t in inputs.Skip(1))
        {
            var m = t.KerasMask!.AsReadOnlySpan();
            for (int i = 0; i < r.Length; i++) r[i] = r[i] != 0f || m[i] != 0f ? 1f : 0f;
        }
        return [result];
    }

    /// <summary>The input's mask as <c>[..., 1]</c> so it broadcasts over features, or null.</summary>
    private protected static Tensor? FeatureMask(Tensor x) =>
        x.KerasMask is { } m ? Ops.Reshape(m, [.. m.Dims, .. Enumerable.Repeat(1, x.Rank - m.Rank)]) : null;
}
