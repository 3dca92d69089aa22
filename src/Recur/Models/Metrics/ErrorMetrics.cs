namespace Recur.Models;

/// <summary>Mean squared error as a metric. Keras: <c>keras.metrics.MeanSquaredError</c>.</summary>
public sealed class MeanSquaredErrorMetric(string name = "mean_squared_error") : Metric(name)
{
    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        using var _ = Autograd.NoGrad();
        return new MeanSquaredError().Call(yTrue, yPred).ToArray();
    }
}

/// <summary>Mean absolute error as a metric. Keras: <c>keras.metrics.MeanAbsoluteError</c>.</summary>
public sealed class MeanAbsoluteErrorMetric(string name = "mean_absolute_error") : Metric(name)
{
    protected override float[] Values(Tensor yTrue, Tensor yPred)
    {
        using var _ = Autograd.NoGrad();
        return new MeanAbsoluteError().Call(yTrue, yPred).ToArray();
    }
}
