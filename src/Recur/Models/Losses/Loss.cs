namespace Recur.Models;

/// <summary>A training objective: per-sample losses reduced to a scalar. Keras: <c>keras.losses.Loss</c>.</summary>
/// <remarks>
/// <see cref="Call"/> returns one value per prediction vector (shape <c>y_pred.shape[:-1]</c>). Reduction
/// <c>sum_over_batch_size</c> = Σ values ÷ count. With a mask (e.g. a masked sequence output) Keras weights valid entries
/// by <c>total/(valid + 1e-7)</c> and masked ones by 0 before that reduction, i.e. a mask-weighted mean.
/// </remarks>
public abstract class Loss
{
    protected Loss(string name, string reduction)
    {
        if (reduction is not ("sum_over_batch_size" or "sum" or "mean"))
            throw new ArgumentException($"{GetType().Name}: reduction must be 'sum_over_batch_size' or 'sum'; received '{reduction}'.");
        Name = name;
        Reduction = reduction;
    }

    /// <summary>The Keras name (<c>categorical_crossentropy</c>).</summary>
    public string Name { get; }

    public string Reduction { get; }

    /// <summary>Unreduced losses, one per prediction vector (differentiable in <paramref name="yPred"/>).</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>The reduced scalar loss; masked entries (mask 0) do not count.</summary>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var values = Call(yTrue, yPred);
        if (mask is not null && mask.Size == values.Size)
        {
            float total = values.Size, valid = 0f;
            foreach (float m in mask.AsReadOnlySpan()) valid += m != 0f ? 1f : 0f;
            var weights = Tensor.Zeros(values.Shape);
            var w = weights.AsSpan();
            var ms = mask.AsReadOnlySpan();
            float scale = total / (valid + 1e-7f);
            for (int i = 0; i < w.Length; i++) w[i] = ms[i] != 0f ? scale : 0f;
            values *= weights;
        }
        var sum = Ops.Sum(values);
        return Reduction == "sum" ? sum : sum / Math.Max(values.Size, 1);
    }

    /// <summary>Throws when the label shape differs from the prediction shape.</summary>
    protected void RequireSameShape(Tensor yTrue, Tensor yPred)
    {
        if (!yTrue.ShapeEquals(yPred))
            throw new ShapeMismatchException(
                $"{Name}: labels must have the prediction's shape {Shapes.Format(yPred.Shape)}; received labels of shape {Shapes.Format(yTrue.Shape)}." +
                (yTrue.Rank == yPred.Rank - 1 ? " Integer class labels need sparse_categorical_crossentropy." : ""));
    }

    /// <summary>Looks up a loss by its Keras name or alias (<c>"mse"</c>, <c>"categorical_crossentropy"</c>…).</summary>
    public static Loss Get(string name) => name switch
    {
        "categorical_crossentropy" or "CategoricalCrossentropy" => new CategoricalCrossentropy(),
        "sparse_categorical_crossentropy" or "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
        "binary_crossentropy" or "BinaryCrossentropy" => new BinaryCrossentropy(),
        "mean_squared_error" or "mse" or "MeanSquaredError" => new MeanSquaredError(),
        "mean_absolute_error" or "mae" or "MeanAbsoluteError" => new MeanAbsoluteError(),
        "huber" or "huber_loss" or "Huber" => new Huber(),
        _ => throw new ArgumentException(
            $"Unknown loss '{name}'. Known: categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mean_squared_error (mse), mean_absolute_error (mae), huber."),
    };

    public static implicit operator Loss(string name) => Get(name);

    public override string ToString() => Name;
}
