namespace Recur.Models;

/// <summary>Binary cross-entropy, averaged over the last axis. Keras: <c>keras.losses.BinaryCrossentropy</c>.</summary>
/// <remarks>Labels smoothed as <c>y(1 − s) + s/2</c>. Probabilities: <c>p ← clip(p, 1e-7, 1 − 1e-7)</c>,
/// <c>−(y log p + (1 − y) log(1 − p))</c>. Logits: <c>max(z, 0) − z·y + log(1 + e^(−|z|))</c>.</remarks>
public sealed class BinaryCrossentropy(bool fromLogits = false, float labelSmoothing = 0f, int axis = -1,
    string reduction = "sum_over_batch_size", string name = "binary_crossentropy") : Loss(name, reduction)
{
    public bool FromLogits { get; } = fromLogits;
    public float LabelSmoothing { get; } = labelSmoothing;
    public int Axis { get; } = axis;

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        RequireSameShape(yTrue, yPred);
        var y = LabelSmoothing > 0f ? yTrue * (1f - LabelSmoothing) + 0.5f * LabelSmoothing : yTrue;
        Tensor perElement;
        if (FromLogits)
        {
            perElement = Ops.Relu(yPred) - yPred * y + Ops.Log(1f + Ops.Exp(-Ops.Abs(yPred)));
        }
        else
        {
            var p = Ops.Clip(yPred, 1e-7f, 1f - 1e-7f);
            perElement = -(y * Ops.Log(p) + (1f - y) * Ops.Log(1f - p));
        }
        return Ops.Mean(perElement, Axis);
    }
}
