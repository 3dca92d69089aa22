using System.Text.RegularExpressions;

namespace Recur.Saving;

/// <summary>Keras 3's weight-store naming: <c>snake_case(ClassName)</c> numbered per class within a list (spec §1.4).</summary>
internal static partial class StoreNames
{
    /// <summary>Keras's <c>naming.to_snake_case</c>: <c>LSTM</c>→<c>lstm</c>, <c>MaxPooling2D</c>→<c>max_pooling2d</c>, <c>SimpleRNN</c>→<c>simple_rnn</c>.</summary>
    public static string SnakeCase(string name)
    {
        name = NonWord().Replace(name, "");
        name = CapitalisedWord().Replace(name, "$1_$2");
        return LowerUpper().Replace(name, "$1_$2").ToLowerInvariant();
    }

    /// <summary>The keys of a list of objects: <c>dense</c>, <c>dense_1</c>, <c>lstm</c>, <c>dense_2</c> ….</summary>
    public static List<string> Numbered(IEnumerable<string> classNames)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var cls in classNames)
        {
            string snake = SnakeCase(cls);
            int n = counts.GetValueOrDefault(snake);
            counts[snake] = n + 1;
            keys.Add(n == 0 ? snake : $"{snake}_{n}");
        }
        return keys;
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();
}
