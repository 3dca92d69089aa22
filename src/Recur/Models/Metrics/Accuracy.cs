namespace Recur.Models;

/// <summary>Fraction of predictions exactly equal to the labels. Keras: <c>keras.metrics.Accuracy</c>.</summary>
public sealed class Accuracy(string name = "accuracy") : Metric(name)
{
    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        var t = yTrue.AsReadOnlySpan();
        var p = yPred.AsReadOnlySpan();
        if (t.Length != p.Length) throw new ShapeMismatchException(Name, "labels of the prediction's shape", yPred.Shape, yTrue.Shape);
        var r = new float[p.Length];
        for (int i = 0; i < r.Length; i++) r[i] = t[i] == p[i] ? 1f : 0f;
        return r;
    }
}

/// <summary>argmax(y) = argmax(ŷ). Keras: <c>keras.metrics.CategoricalAccuracy</c>.</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric(name)
{
    protected override float[] Values(Tensor yTrue, Tensor yPred) =>
        ArgMax(yTrue).Zip(ArgMax(yPred), (a, b) => a == b ? 1f : 0f).ToArray();
}

/// <summary>y = argmax(ŷ) for integer labels. Keras: <c>keras.metrics.SparseCategoricalAccuracy</c>.</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric(name)
{
    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        var ids = yTrue.AsReadOnlySpan();
        var predicted = ArgMax(yPred);
        var r = new float[predicted.Length];
        for (int i = 0; i < r.Length; i++) r[i] = ids[i] == predicted[i] ? 1f : 0f;
        return r;
    }
}

/// <summary>Mean over the last axis of <c>(ŷ &gt; threshold) = y</c>. Keras: <c>keras.metrics.BinaryAccuracy</c>.</summary>
public sealed class BinaryAccuracy(float threshold = 0.5f, string name = "binary_accuracy") : Metric(name)
{
    public float Threshold { get; } = threshold;

    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        int c = yPred.Rank == 0 ? 1 : yPred.Dim(-1);
        var t = yTrue.AsReadOnlySpan();
        var p = yPred.AsReadOnlySpan();
        var r = new float[p.Length / c];
        for (int i = 0; i < p.Length; i++) r[i / c] += ((p[i] > Threshold ? 1f : 0f) == t[i] ? 1f : 0f) / c;
        return r;
    }
}

/// <summary>Whether the label's class is among the k largest predictions. Keras: <c>keras.metrics.TopKCategoricalAccuracy</c>
/// (and <c>SparseTopKCategoricalAccuracy</c> with <paramref name="sparse"/>).</summary>
public sealed class TopKCategoricalAccuracy(int k = 5, bool sparse = false, string name = "top_k_categorical_accuracy") : Metric(name)
{
    public int K { get; } = k;

    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        int c = yPred.Dim(-1);
        var p = yPred.AsReadOnlySpan();
        var labels = sparse ? yTrue.ToArray().Select(v => (int)v).ToArray() : ArgMax(yTrue);
        var r = new float[labels.Length];
        for (int i = 0; i < r.Length; i++)
        {
            var row = p.Slice(i * c, c);
            float target = row[labels[i]];
            int larger = 0;
            foreach (float v in row) if (v > target) larger++;
            r[i] = larger < K ? 1f : 0f;
        }
        return r;
    }
}
