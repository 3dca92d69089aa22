namespace Recur.Models;

/// <summary>Stops training when the monitored value stops improving. Keras: <c>keras.callbacks.EarlyStopping</c>.</summary>
/// <remarks>After <c>patience</c> epochs without an improvement larger than <c>min_delta</c>, training stops; with
/// <c>restore_best_weights</c> the weights of the best epoch are restored. A missing monitor is skipped, as Keras warns.</remarks>
public sealed class EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, string mode = "auto",
    double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0) : Callback
{
    private readonly MonitorMode _mode = new(mode, monitor);
    private double _best;
    private int _wait;
    private IReadOnlyList<Tensor>? _bestWeights;

    /// <summary>The epoch training stopped at, or 0 if it ran to the end.</summary>
    public int StoppedEpoch { get; private set; }

    public override void OnTrainBegin()
    {
        (_best, _wait, StoppedEpoch, _bestWeights) = (baseline ?? _mode.Worst, 0, 0, null);
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(monitor, out double current) || epoch < startFromEpoch) return;
        if (restoreBestWeights && _bestWeights is null) _bestWeights = Model.GetWeights();
        _wait++;
        if (_mode.IsImprovement(current, _best, minDelta))
        {
            _best = current;
            if (restoreBestWeights) _bestWeights = Model.GetWeights();
            if (baseline is null || _mode.IsImprovement(current, baseline.Value, 0)) _wait = 0;
            return;
        }
        if (_wait >= patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model.StopTraining = true;
            if (restoreBestWeights && _bestWeights is not null) Model.SetWeights(_bestWeights);
        }
    }
}
