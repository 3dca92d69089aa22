using System.Globalization;

namespace Recur.Models;

/// <summary>Writes one CSV row per epoch (<c>epoch</c> then the logged values, sorted by name). Keras: <c>keras.callbacks.CSVLogger</c>.</summary>
public sealed class CsvLogger(string filename, string separator = ",", bool append = false) : Callback
{
    private List<string>? _keys;
    private bool _append = append;

    public override void OnTrainBegin()
    {
        if (!_append) File.WriteAllText(filename, "");
        _keys = null;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        using var w = new StreamWriter(filename, append: true);
        if (_keys is null)
        {
            _keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (new FileInfo(filename).Length == 0) w.WriteLine(string.Join(separator, ["epoch", .. _keys]));
        }
        var cells = _keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NA");
        w.WriteLine(string.Join(separator, [epoch.ToString(CultureInfo.InvariantCulture), .. cells]));
        _append = true;
    }
}
