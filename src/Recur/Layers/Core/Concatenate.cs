using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Concatenates its inputs along <c>axis</c>. Keras: <c>keras.layers.Concatenate</c>.</summary>
/// <remarks>Mask (Keras ≥ 3.4): an unmasked input counts as all-true; the output step is valid if any input's is.</remarks>
public sealed class Concatenate : Merge
{
    public Concatenate(int axis = -1, string? name = null) : base(name) => Axis = axis;

    public int Axis { get; }

    public override string KerasClassName => "Concatenate";

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => Ops.Concat(inputs, Axis);

    public override IReadOnlyList<int?[]> ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count < 2)
            throw new ArgumentException($"Concatenate '{Name}': a `Concatenate` layer should be called on a list of at least 2 inputs; received {inputShapes.Count}.");
        int rank = inputShapes[0].Length;
        int axis = Axis < 0 ? Axis + rank : Axis;
        var result = (int?[])inputShapes[0].Clone();
        foreach (var s in inputShapes.Skip(1))
        {
            bool ok = s.Length == rank && Enumerable.Range(0, rank).All(i => i == axis || s[i] is null || result[i] is null || s[i] == result[i]);
            if (!ok)
                throw new ShapeMismatchException(
                    $"Concatenate '{Name}': a `Concatenate` layer requires inputs with matching shapes except for the concatenation axis {Axis}; received {string.Join(", ", inputShapes.Select(x => InputSpec.Format(x)))}.");
            for (int i = 0; i < rank; i++) result[i] = i == axis ? result[i] + s[i] : result[i] ?? s[i];
        }
        return [result];
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask)
    {
        if (inputs.All(t => t.KerasMask is null)) return [null];
        var first = inputs.First(t => t.KerasMask is not null).KerasMask!;
        if (inputs.Any(t => t.KerasMask is null)) return [Tensor.Ones(first.Shape)];
        return base.ComputeMask(inputs, mask);
    }
}
