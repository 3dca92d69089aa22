namespace Recur.Models;

/// <summary>Stops training at the first non-finite loss or gradient; the failing step leaves the weights untouched.
/// Keras: <c>keras.callbacks.TerminateOnNaN</c>.</summary>
public sealed class TerminateOnNaN : Callback
{
    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (logs.TryGetValue("loss", out double loss) && !double.IsFinite(loss)) Model.StopTraining = true;
    }
}
