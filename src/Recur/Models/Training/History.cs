namespace Recur.Models;

/// <summary>What <c>Model.Fit</c>
/// recorded: per epoch, every logged value (<c>loss</c>, metrics, <c>val_*</c>). Keras: <c>keras.callbacks.History</c>.</summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    /// <summary>Epoch indices that completed.</summary>
    public List<int> Epoch { get; } = [];

    /// <summary>Name → one value per completed epoch (Keras's <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>The values logged under <paramref name="name"/>.</summary>
    public IReadOnlyList<double> this[string name] => _values.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"History has no '{name}'; logged: {string.Join(", ", _values.Keys)}.");

    internal void Record(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Epoch.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!_values.TryGetValue(k, out var list)) _values[k] = list = [];
            list.Add(v);
        }
    }
}
