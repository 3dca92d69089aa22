namespace Recur.Models;

/// <summary>Saves the model during training. Keras: <c>keras.callbacks.ModelCheckpoint</c>.</summary>
/// <remarks>Not available yet: saving lives in the Recur.Saving layer, which does not exist yet, so training with this
/// callback throws <see cref="NotSupportedException"/> at the start instead of silently not saving.</remarks>
public sealed class ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false, bool saveWeightsOnly = false,
    string mode = "auto") : Callback
{
    public string Filepath { get; } = filepath;
    public string Monitor { get; } = monitor;
    public bool SaveBestOnly { get; } = saveBestOnly;
    public bool SaveWeightsOnly { get; } = saveWeightsOnly;
    public string Mode { get; } = mode;

    public override void OnTrainBegin() =>
        throw new NotSupportedException("ModelCheckpoint: saving models is not implemented yet in Recur (Recur.Saving); remove the callback or save manually.");
}
