namespace Recur.Layers;

/// <summary>Element-wise sum of its inputs. Keras: <c>keras.layers.Add</c>.</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    public override string KerasClassName => "Add";

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) => inputs.Skip(1).Aggregate(inputs[0], (a, b) => a + b);
}
