namespace Recur.Layers;

/// <summary>Element-wise product of its inputs. Keras: <c>keras.layers.Multiply</c>.</summary>
/// <remarks>Keras ≥ 3.4 keeps masked entries out of the product: a masked entry counts as 1.</remarks>
public sealed class Multiply(string? name = null) : Merge(name)
{
    public override string KerasClassName => "Multiply";

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs)
    {
        Tensor? product = null;
        foreach (var x in inputs)
        {
            var m = FeatureMask(x);
            var term = m is null ? x : x * m + (1f - m);
            product = product is null ? term : product * term;
        }
        return product!;
    }
}
