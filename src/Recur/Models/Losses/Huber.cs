namespace Recur.Models;

/// <summary>Quadratic near zero, linear beyond <c>delta</c>, averaged over the last axis. Keras: <c>keras.losses.Huber</c>.</summary>
/// <remarks><c>e = |ŷ − y|</c>, <c>q = min(e, δ)</c>: <c>0.5·q² + δ·(e − q)</c>.</remarks>
public sealed class Huber(float delta = 1f, string reduction = "sum_over_batch_size", string name = "huber_loss") : Loss(name, reduction)
{
    public float Delta { get; } = delta;

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        RequireSameShape(yTrue, yPred);
        var error = Ops.Abs(yPred - yTrue);
        var quadratic = Ops.Minimum(error, Tensor.Scalar(Delta));
        return Ops.Mean(0.5f * quadratic * quadratic + Delta * (error - quadratic), -1);
    }
}
