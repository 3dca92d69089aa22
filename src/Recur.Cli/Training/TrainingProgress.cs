using Recur.Models;
using Spectre.Console;

namespace Recur.Cli.Training;

/// <summary>
/// A Keras-style progress bar for one <c>Model.Fit</c>: a Spectre progress task advanced after every batch, labelled
/// with the epoch and the running loss and accuracy; it also keeps each finished epoch's logs for the learning curves.
/// </summary>
internal sealed class TrainingProgress(ProgressTask task, string label, int epochs, int stepsPerEpoch) : Callback
{
    private int _epoch;

    /// <summary>The logs (<c>loss</c>, <c>accuracy</c>, <c>val_*</c>) of every completed epoch.</summary>
    public List<IReadOnlyDictionary<string, double>> Epochs { get; } = [];

    /// <summary>The progress display the fits of one command share: description with the logs, bar, percentage, elapsed time.</summary>
    public static Progress Display(IAnsiConsole console) =>
        console.Progress().Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            new ElapsedTimeColumn());

    /// <summary>A task for one fit of <paramref name="epochs"/> passes over <paramref name="samples"/> samples.</summary>
    public static TrainingProgress Add(ProgressContext context, string label, int epochs, int samples, int batchSize)
    {
        int steps = (samples + batchSize - 1) / batchSize;
        var task = context.AddTask(Markup.Escape(label), autoStart: false, maxValue: Math.Max(1, epochs * steps));
        return new TrainingProgress(task, label, epochs, steps);
    }

    public override void OnTrainBegin() => task.StartTask();

    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        task.Value = _epoch * stepsPerEpoch + batch + 1;
        task.Description = Markup.Escape($"{label}  epoch {_epoch + 1}/{epochs}  {Format(logs)}");
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Epochs.Add(new Dictionary<string, double>(logs));
        task.Description = Markup.Escape($"{label}  epoch {epoch + 1}/{epochs}  {Format(logs)}");
    }

    public override void OnTrainEnd() => Stop();

    /// <summary>Ends the bar where it stands (also after an interrupted fit, which skips <see cref="OnTrainEnd"/>).</summary>
    public void Stop() => task.StopTask();

    /// <summary>Keras's log line: <c>loss: 0.1234 - accuracy: 0.9876 - val_loss: …</c>.</summary>
    public static string Format(IReadOnlyDictionary<string, double> logs) =>
        string.Join(" - ", logs.Select(kv => $"{kv.Key}: {kv.Value:F4}"));
}
