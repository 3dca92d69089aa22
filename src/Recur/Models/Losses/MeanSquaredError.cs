namespace Recur.Models;

/// <summary><c>mean((y − ŷ)²)</c> over the last axis. Keras: <c>keras.losses.MeanSquaredError</c>.</summary>
public sealed class MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") : Loss(name, reduction)
{
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        RequireSameShape(yTrue, yPred);
        return Ops.MeanSquaredDifference(yPred, yTrue);
    }
}
