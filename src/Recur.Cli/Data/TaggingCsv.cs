using System.Globalization;

namespace Recur.Cli.Data;

/// <summary>
/// Sequence-tagging data as CSV, one token per row under the header <c>sequence,token,label</c>: rows with the same
/// <c>sequence</c> value form one sequence, in file order; <c>token</c> is an integer id ≥ 1 (0 is padding) and
/// <c>label</c> an integer class ≥ 0.
/// </summary>
internal static class TaggingCsv
{
    public const string Header = "sequence,token,label";

    public static TaggingData Parse(IReadOnlyList<string> lines, string source)
    {
        int first = 0;
        while (first < lines.Count && string.IsNullOrWhiteSpace(lines[first])) first++;
        if (first == lines.Count) throw new UserInputException($"{source}: empty file; expected the header '{Header}'");
        if (!string.Equals(string.Join(',', lines[first].Split(',').Select(c => c.Trim())), Header, StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"{source}:{first + 1}: expected the header '{Header}'; found '{lines[first].Trim()}'");

        var sequences = new Dictionary<string, (List<int> Tokens, List<int> Labels)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int l = first + 1; l < lines.Count; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l])) continue;
            var cells = lines[l].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != 3) throw new UserInputException($"{source}:{l + 1}: expected 3 columns ({Header}); found {cells.Length}");
            int token = Integer(cells[1], source, l, 2, "token", min: 1);
            int label = Integer(cells[2], source, l, 3, "label", min: 0);
            if (!sequences.TryGetValue(cells[0], out var sequence))
            {
                sequences[cells[0]] = sequence = ([], []);
                order.Add(cells[0]);
            }
            sequence.Tokens.Add(token);
            sequence.Labels.Add(label);
        }
        if (order.Count == 0) throw new UserInputException($"{source}: no rows after the header");

        int steps = order.Max(k => sequences[k].Tokens.Count);
        var x = new float[order.Count * steps];
        var y = new float[order.Count * steps];
        for (int n = 0; n < order.Count; n++)
        {
            var (tokens, labels) = sequences[order[n]];
            for (int t = 0; t < tokens.Count; t++) (x[n * steps + t], y[n * steps + t]) = (tokens[t], labels[t]);
        }
        int vocabulary = (int)x.Max() + 1, classes = Math.Max(2, (int)y.Max() + 1);
        return new TaggingData(new Tensor(x, order.Count, steps), new Tensor(y, order.Count, steps), vocabulary, classes,
            $"{source}: {order.Count} sequences of up to {steps} tokens, ids < {vocabulary}, {classes} label classes");
    }

    private static int Integer(string cell, string source, int line, int column, string what, int min)
    {
        if (!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new UserInputException($"{source}:{line + 1}:{column}: {what} '{cell}' is not an integer");
        if (value < min) throw new UserInputException($"{source}:{line + 1}:{column}: {what} {value} must be at least {min}");
        return value;
    }
}
