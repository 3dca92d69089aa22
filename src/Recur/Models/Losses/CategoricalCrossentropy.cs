namespace Recur.Models;

/// <summary>Cross-entropy against one-hot (or soft) labels. Keras: <c>keras.losses.CategoricalCrossentropy</c>.</summary>
/// <remarks>
/// Labels are first smoothed: <c>y ← y(1 − s) + s/C</c>. From logits: <c>−Σ y·log_softmax(z)</c>. From probabilities:
/// <c>p ← clip(p / Σp, 1e-7, 1 − 1e-7)</c>, <c>−Σ y·log p</c> over the last axis. When the probabilities were produced by a
/// softmax in this graph, the log-softmax of the remembered logits is used (Keras's TensorFlow backend; spec §8.2).
/// </remarks>
public sealed class CategoricalCrossentropy(bool fromLogits = false, float labelSmoothing = 0f, int axis = -1,
    string reduction = "sum_over_batch_size", string name = "categorical_crossentropy") : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;
    public float LabelSmoothing { get; } = labelSmoothing;
    public int Axis { get; } = axis;

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        RequireSameShape(yTrue, yPred);
        return CrossEntropy(Smooth(yTrue, yPred.Dim(Axis)), yPred, FromLogits, Axis);
    }

    private Tensor Smooth(Tensor y, int classes) => LabelSmoothing > 0f ? y * (1f - LabelSmoothing) + LabelSmoothing / classes : y;

    /// <summary><c>−Σ y·log p</c> over <paramref name="axis"/> in the form the prediction allows (see remarks).</summary>
    internal static Tensor CrossEntropy(Tensor y, Tensor pred, bool fromLogits, int axis)
    {
        Tensor logProbabilities;
        if (fromLogits) logProbabilities = Ops.LogSoftmax(pred, axis);
        else if (SoftmaxLogits(pred, axis) is { } logits) logProbabilities = Ops.LogSoftmax(logits, axis);
        else
        {
            var p = pred / Ops.Sum(pred, axis, keepDims: true);
            logProbabilities = Ops.Log(Ops.Clip(p, 1e-7f, 1f - 1e-7f));
        }
        return -Ops.Sum(y * logProbabilities, axis);
    }

    /// <summary>The input of the softmax that produced <paramref name="pred"/> along <paramref name="axis"/>, when recorded.</summary>
    private static Tensor? SoftmaxLogits(Tensor pred, int axis) =>
        pred.Node is { Op: "Softmax", Saved: int a } node && a == Shapes.Axis(axis, pred.Rank, "CategoricalCrossentropy") ? node.Inputs[0] : null;
}
