namespace Recur.Models;

/// <summary>Cross-entropy against integer class ids. Keras: <c>keras.losses.SparseCategoricalCrossentropy</c>.</summary>
/// <remarks>Labels have the prediction's shape without the class axis (a trailing size-1 axis is accepted); each id is
/// one-hot encoded and the categorical formula applies.</remarks>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false, string reduction = "sum_over_batch_size",
    string name = "sparse_categorical_crossentropy") : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;

    public override Tensor Call(Tensor yTrue, Tensor yPred) =>
        CategoricalCrossentropy.CrossEntropy(OneHot(yTrue, yPred), yPred, FromLogits, -1);

    private Tensor OneHot(Tensor ids, Tensor pred)
    {
        var expected = pred.Shape[..^1];
        bool ok = ids.Shape.SequenceEqual(expected) || (ids.Rank == pred.Rank && ids.Dim(-1) == 1 && ids.Shape[..^1].SequenceEqual(expected));
        if (!ok)
            throw new ShapeMismatchException(
                $"{Name}: labels must be class ids of shape {Shapes.Format(expected)} (or with a trailing 1) for predictions of shape {Shapes.Format(pred.Shape)}; received {Shapes.Format(ids.Shape)}.");
        int classes = pred.Dim(-1);
        var oneHot = Tensor.Zeros(pred.Shape);
        var dst = oneHot.AsSpan();
        var src = ids.AsReadOnlySpan();
        for (int i = 0; i < src.Length; i++)
        {
            float id = src[i];
            if (!(id >= 0 && id < classes) || id != MathF.Floor(id))
                throw new ArgumentException($"{Name}: label {id} is not a class id in [0, {classes}).");
            dst[i * classes + (int)id] = 1f;
        }
        return oneHot;
    }
}
