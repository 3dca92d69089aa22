using System.Text.RegularExpressions;

namespace Recur.Layers;

/// <summary>
/// Keras auto-naming: snake_case of the class name made unique with <c>_1</c>, <c>_2</c> … per scope.
/// A new scope is Keras's <c>clear_session()</c>: <c>using (NameScope.Fresh()) { ... }</c>.
/// </summary>
public sealed partial class NameScope : IDisposable
{
    private static readonly NameScope Global = new(null);
    private static readonly AsyncLocal<NameScope?> Current = new();

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly NameScope? _previous;
    private bool _disposed;

    private NameScope(NameScope? previous) => _previous = previous;

    /// <summary>Starts a fresh naming scope (names count from the start again) until disposed.</summary>
    public static NameScope Fresh()
    {
        var scope = new NameScope(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Ends the scope, restoring the enclosing one.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Current.Value = _previous;
    }

    /// <summary>A unique name for an object whose Keras class is <paramref name="kerasClassName"/>.</summary>
    public static string Unique(string kerasClassName) => UniqueFromBase(ToSnakeCase(kerasClassName));

    /// <summary>Makes <paramref name="baseName"/> unique: the first use keeps it, later uses get <c>_1</c>, <c>_2</c>, ….</summary>
    public static string UniqueFromBase(string baseName)
    {
        var scope = Current.Value ?? Global;
        lock (scope._counts)
        {
            scope._counts.TryGetValue(baseName, out int n);
            scope._counts[baseName] = n + 1;
            return n == 0 ? baseName : $"{baseName}_{n}";
        }
    }

    /// <summary>Keras's <c>to_snake_case</c>: <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>StackedRNNCells</c> → <c>stacked_rnn_cells</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        name = NonWord().Replace(name, "");
        name = CapitalWord().Replace(name, "$1_$2");
        return LowerUpper().Replace(name, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex(@"\W+")] private static partial Regex NonWord();
    [GeneratedRegex("(.)([A-Z][a-z]+)")] private static partial Regex CapitalWord();
    [GeneratedRegex("([a-z])([A-Z])")] private static partial Regex LowerUpper();
}
