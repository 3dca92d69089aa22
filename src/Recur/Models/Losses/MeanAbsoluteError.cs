namespace Recur.Models;

/// <summary><c>mean(|y − ŷ|)</c> over the last axis. Keras: <c>keras.losses.MeanAbsoluteError</c>.</summary>
public sealed class MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error") : Loss(name, reduction)
{
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(Ops.Abs(yPred - yTrue), -1);
    }
}
