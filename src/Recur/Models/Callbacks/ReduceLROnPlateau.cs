namespace Recur.Models;

/// <summary>Multiplies the learning rate by <c>factor</c> when the monitored value plateaus. Keras: <c>keras.callbacks.ReduceLROnPlateau</c>.</summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly MonitorMode _mode;
    private double _best;
    private int _wait, _cooldownCounter;

    public ReduceLROnPlateau(string monitor = "val_loss", float factor = 0.1f, int patience = 10, string mode = "auto",
        double minDelta = 1e-4, int cooldown = 0, float minLr = 0f)
    {
        if (factor >= 1f) throw new ArgumentOutOfRangeException(nameof(factor), "ReduceLROnPlateau does not support a factor >= 1.0.");
        (Monitor, Factor, Patience, MinDelta, Cooldown, MinLr) = (monitor, factor, patience, minDelta, cooldown, minLr);
        _mode = new MonitorMode(mode, monitor);
    }

    public string Monitor { get; }
    public float Factor { get; }
    public int Patience { get; }
    public double MinDelta { get; }
    public int Cooldown { get; }
    public float MinLr { get; }

    public override void OnTrainBegin() => (_best, _wait, _cooldownCounter) = (_mode.Worst, 0, 0);

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current) || Model.Optimizer is not { } opt) return;
        if (_cooldownCounter > 0) { _cooldownCounter--; _wait = 0; }
        if (_mode.IsImprovement(current, _best, MinDelta)) { _best = current; _wait = 0; return; }
        if (_cooldownCounter > 0 || ++_wait < Patience) return;
        float old = opt.CurrentLearningRate;
        if (old > MinLr)
        {
            opt.LearningRate = MathF.Max(old * Factor, MinLr);
            _cooldownCounter = Cooldown;
            _wait = 0;
        }
    }
}
