using Recur.Layers;

namespace Recur.Saving;

/// <summary>
/// Weight values matched to variables, checked in full before anything is assigned, so a mismatch anywhere leaves the
/// model unchanged.
/// </summary>
internal sealed class WeightAssignment(string source)
{
    private readonly List<(Variable Target, Tensor Value)> _pairs = [];

    /// <summary>Records one value (<paramref name="ownerPath"/> = layer names from the model down, e.g. <c>bidirectional/forward_lstm/lstm_cell</c>); throws a <see cref="KerasFormatException"/> naming the layer, the weight and both shapes on a mismatch.</summary>
    public void Add(Layer owner, string ownerPath, Variable target, int[] shape, Func<float[]> read, string where)
    {
        if (!shape.SequenceEqual(target.Shape))
            throw new KerasFormatException(
                $"'{source}': {owner.KerasClassName} layer '{ownerPath}': weight '{target.Name}' expects shape {Shapes.Format(target.Shape)}; " +
                $"the file has {Shapes.Format(shape)} at '{where}'.");
        _pairs.Add((target, new Tensor(read(), shape)));
    }

    /// <summary>Throws when a layer's variable count differs from what the file holds for it.</summary>
    public void CheckCount(Layer owner, string ownerPath, IReadOnlyList<Variable> expected, int received, string where)
    {
        if (expected.Count != received)
            throw new KerasFormatException(
                $"'{source}': {owner.KerasClassName} layer '{ownerPath}' expects {expected.Count} weight(s) " +
                $"[{string.Join(", ", expected.Select(v => $"{v.Name} {Shapes.Format(v.Shape)}"))}]; the file has {received} at '{where}'.");
    }

    public void Apply()
    {
        foreach (var (target, value) in _pairs) target.Assign(value);
    }
}
