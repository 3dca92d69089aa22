using System.Globalization;
using System.Text;

namespace Recur.Cli.Data;

/// <summary>
/// Tensors as CSV: one sample per line, comma-separated numbers, giving [N, T]. Shorter lines are padded with 0 — the
/// padding id of an <c>Embedding(mask_zero)</c> — so sequences of different lengths fit in one file. Blank lines and lines
/// starting with <c>#</c> are skipped. On output, axes after the first are flattened in row-major order.
/// </summary>
internal static class CsvTensor
{
    /// <summary>Parses the lines of a CSV file; errors name <paramref name="source"/>, the line and the column.</summary>
    public static Tensor Parse(IReadOnlyList<string> lines, string source)
    {
        var rows = new List<float[]>();
        for (int l = 0; l < lines.Count; l++)
        {
            var line = lines[l].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',');
            var row = new float[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                var cell = cells[c].Trim();
                if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]))
                    throw new UserInputException($"{source}:{l + 1}:{c + 1}: '{cell}' is not a number");
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new UserInputException($"{source}: no rows of numbers");
        int width = rows.Max(r => r.Length);
        var data = new float[rows.Count * width];
        for (int r = 0; r < rows.Count; r++) rows[r].CopyTo(data, r * width);
        return new Tensor(data, rows.Count, width);
    }

    /// <summary>One line per sample.</summary>
    public static string Format(Tensor tensor)
    {
        int n = tensor.Rank == 0 ? 1 : tensor.Dim(0), width = n == 0 ? 0 : tensor.Size / n;
        var data = tensor.AsReadOnlySpan();
        var sb = new StringBuilder();
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < width; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append(data[r * width + c].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
