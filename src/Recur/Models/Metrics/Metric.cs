namespace Recur.Models;

/// <summary>A running mean of a per-prediction value over the batches of an epoch. Keras: <c>keras.metrics.MeanMetricWrapper</c>.</summary>
/// <remarks>Masked entries (mask 0) do not count: <c>result = Σ value·mask / Σ mask</c>.</remarks>
public abstract class Metric
{
    private double _total, _count;

    protected Metric(string name) => Name = name;

    /// <summary>The name in logs and History (<c>accuracy</c>, <c>val_accuracy</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>One value per prediction vector (shape <c>y_pred.shape[:-1]</c>), computed without gradients.</summary>
    protected abstract float[] Values(Tensor yTrue, Tensor yPred);

    public void Update(Tensor yTrue, Tensor yPred, Tensor? mask = null)
    {
        var values = Values(yTrue, yPred);
        var m = mask is not null && mask.Size == values.Length ? mask.AsReadOnlySpan() : default;
        for (int i = 0; i < values.Length; i++)
        {
            double w = m.IsEmpty ? 1 : m[i] != 0f ? 1 : 0;
            _total += values[i] * w;
            _count += w;
        }
    }

    public double Result() => _count == 0 ? 0 : _total / _count;

    public void Reset() => (_total, _count) = (0, 0);

    /// <summary>Looks up a metric by Keras name. <c>"accuracy"</c>/<c>"acc"</c> is resolved against the loss at compile time.</summary>
    public static Metric Get(string name) => name switch
    {
        "accuracy" or "acc" => new Accuracy(name),
        "categorical_accuracy" => new CategoricalAccuracy(),
        "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(),
        "binary_accuracy" => new BinaryAccuracy(),
        "top_k_categorical_accuracy" => new TopKCategoricalAccuracy(),
        "sparse_top_k_categorical_accuracy" => new TopKCategoricalAccuracy(sparse: true, name: name),
        "mse" or "mean_squared_error" => new MeanSquaredErrorMetric(name),
        "mae" or "mean_absolute_error" => new MeanAbsoluteErrorMetric(name),
        _ => throw new ArgumentException(
            $"Unknown metric '{name}'. Known: accuracy, categorical_accuracy, sparse_categorical_accuracy, binary_accuracy, top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, mse, mae."),
    };

    public static implicit operator Metric(string name) => Get(name);

    /// <summary>Keras's <c>"accuracy"</c> resolution: the accuracy that matches the loss, keeping the requested name.</summary>
    internal Metric ResolveFor(Loss? loss)
    {
        if (this is not Accuracy) return this;
        Metric resolved = loss switch
        {
            CategoricalCrossentropy => new CategoricalAccuracy(),
            SparseCategoricalCrossentropy => new SparseCategoricalAccuracy(),
            BinaryCrossentropy => new BinaryAccuracy(),
            _ => this,
        };
        resolved.Name = Name;
        return resolved;
    }

    /// <summary>Index of the largest entry of each row of the last axis (the first on ties, like argmax).</summary>
    private protected static int[] ArgMax(Tensor t)
    {
        int c = t.Dim(-1);
        var s = t.AsReadOnlySpan();
        var r = new int[s.Length / Math.Max(c, 1)];
        for (int i = 0; i < r.Length; i++)
        {
            var row = s.Slice(i * c, c);
            int best = 0;
            for (int j = 1; j < c; j++) if (row[j] > row[best]) best = j;
            r[i] = best;
        }
        return r;
    }
}
