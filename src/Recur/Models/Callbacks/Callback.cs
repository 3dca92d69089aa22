namespace Recur.Models;

/// <summary>Hooks into training. Keras: <c>keras.callbacks.Callback</c>; <see cref="Model"/> is set before training starts.</summary>
public abstract class Callback
{
    /// <summary>The model being trained.</summary>
    public Model Model { get; internal set; } = null!;

    public virtual void OnTrainBegin() { }
    public virtual void OnTrainEnd() { }
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>After an epoch; <paramref name="logs"/> holds <c>loss</c>, metrics and <c>val_*</c> values.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After each training batch with the running epoch values.</summary>
    public virtual void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
}
