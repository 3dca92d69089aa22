namespace Recur.Layers;

/// <summary>Element-wise mean of its inputs. Keras: <c>keras.layers.Average</c>.</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    public override string KerasClassName => "Average";

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs) =>
        inputs.Skip(1).Aggregate(inputs[0], (a, b) => a + b) * (1f / inputs.Count);
}
