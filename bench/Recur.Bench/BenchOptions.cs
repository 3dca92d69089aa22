namespace Recur.Bench;

/// <summary>Plain "--name value" option parsing shared by the benchmark commands.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BenchOptions()
    {
    }

    /// <summary>Parses <paramref name="args"/> accepting only the <paramref name="known"/> option names; null on error.</summary>
    public static BenchOptions? Parse(string[] args, params string[] known)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"unknown option or missing value: {args[i]} (options: {string.Join(", ", known)})");
                return null;
            }

            options._values[args[i]] = args[++i];
        }

        return options;
    }

    public string? String(string name) => _values.GetValueOrDefault(name);

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public int? Int(string name) => _values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
