using System.Globalization;
using System.Text.RegularExpressions;

namespace Recur.Models;

/// <summary>Saves the model (or its weights) at the end of epochs. Keras: <c>keras.callbacks.ModelCheckpoint</c>.</summary>
/// <remarks>
/// <paramref name="filepath"/> may hold Keras-style placeholders, <c>{epoch}</c>, <c>{epoch:02d}</c>, <c>{val_loss:.4f}</c>
/// (the epoch counts from 1, as Keras writes it). With <paramref name="saveBestOnly"/> a file is written only when the
/// monitored value improves. Saves are atomic (the file system sees the old file or the new one, never half of one).
/// Keras requires <c>.keras</c> for full models and <c>.weights.h5</c> for weights; the same check applies here.
/// </remarks>
public sealed partial class ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false, bool saveWeightsOnly = false,
    string mode = "auto") : Callback
{
    private readonly MonitorMode _mode = new(mode, monitor);
    private double _best;

    public string Filepath { get; } = filepath;
    public string Monitor { get; } = monitor;
    public bool SaveBestOnly { get; } = saveBestOnly;
    public bool SaveWeightsOnly { get; } = saveWeightsOnly;
    public string Mode { get; } = mode;

    /// <summary>Paths written so far, in order.</summary>
    public IReadOnlyList<string> Saved => _saved;
    private readonly List<string> _saved = [];

    public override void OnTrainBegin()
    {
        string ext = SaveWeightsOnly ? ".weights.h5" : ".keras";
        if (!Filepath.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"ModelCheckpoint: filepath must end in '{ext}' when saveWeightsOnly is {SaveWeightsOnly.ToString().ToLowerInvariant()}; received '{Filepath}'.");
        _best = _mode.Worst;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveBestOnly)
        {
            if (!logs.TryGetValue(Monitor, out double current)) return;   // Keras warns and skips when the metric is missing
            if (!_mode.IsImprovement(current, _best, 0)) return;
            _best = current;
        }
        string path = Format(Filepath, epoch + 1, logs);
        if (SaveWeightsOnly) Model.SaveWeights(path);
        else Model.Save(path);
        _saved.Add(path);
    }

    /// <summary>Fills <c>{name}</c> / <c>{name:spec}</c> placeholders with the epoch and the logs (Python format specs d and .Nf).</summary>
    internal static string Format(string template, int epoch, IReadOnlyDictionary<string, double> logs) =>
        Placeholder().Replace(template, m =>
        {
            string name = m.Groups[1].Value, spec = m.Groups[2].Value;
            double value = name == "epoch" ? epoch
                : logs.TryGetValue(name, out double v) ? v
                : throw new ArgumentException($"ModelCheckpoint: the filepath names '{{{name}}}', which is not in the epoch's logs ({string.Join(", ", logs.Keys)}).");
            return spec switch
            {
                "" => name == "epoch" ? epoch.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture),
                _ when spec.EndsWith('d') => ((long)value).ToString("D" + (spec.Length > 1 ? int.Parse(spec.TrimStart('0').TrimEnd('d').PadLeft(1, '0'), CultureInfo.InvariantCulture) : 0), CultureInfo.InvariantCulture),
                _ when spec.StartsWith('.') && spec.EndsWith('f') => value.ToString("F" + spec[1..^1], CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"ModelCheckpoint: unsupported format '{{{name}:{spec}}}' in the filepath; use d or .Nf."),
            };
        });

    [GeneratedRegex(@"\{(\w+)(?::([0-9.]*[df]))?\}")]
    private static partial Regex Placeholder();
}
