using System.Globalization;
using System.Text;
using Recur.Layers;

namespace Recur.Models;

public partial class Model
{
    private static readonly int[] ColumnWidths = [33, 24, 15];

    /// <summary>
    /// Keras's <c>model.summary()</c> table: one row per layer (name, output shape, parameter count), then the totals with
    /// their float32 sizes. Writes it to <paramref name="writer"/> (default: the console) and returns it.
    /// </summary>
    public string Summary(TextWriter? writer = null)
    {
        var rows = SummaryRows();
        var sb = new StringBuilder();
        sb.Append("Model: \"").Append(Name).Append("\"\n");
        sb.Append(Rule('┏', '━', '┳', '┓'));
        sb.Append(Row('┃', ["Layer (type)", "Output Shape", "Param #"]));
        sb.Append(Rule('┡', '━', '╇', '┩'));
        for (int i = 0; i < rows.Count; i++)
        {
            sb.Append(Row('│', rows[i]));
            sb.Append(i < rows.Count - 1 ? Rule('├', '─', '┼', '┤') : Rule('└', '─', '┴', '┘'));
        }
        long trainable = TrainableWeights.Sum(v => (long)v.Value.Size);
        long total = CountParams();
        sb.Append(Totals("Total params", total));
        sb.Append(Totals("Trainable params", trainable));
        sb.Append(Totals("Non-trainable params", total - trainable));
        if (Optimizer is { VariableCount: > 0 } opt) sb.Append(Totals("Optimizer params", opt.VariableCount));
        var text = sb.ToString();
        (writer ?? Console.Out).Write(text);
        return text;
    }

    private List<string[]> SummaryRows()
    {
        var shapes = this is Sequential s ? s.LayerOutputShapes : null;
        var rows = new List<string[]>();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var shape = shapes is not null ? (i < shapes.Count ? FormatShape(shapes[i]) : "?")
                : _nodes.FirstOrDefault(n => n.Layer == layer)?.Outputs is { Count: > 0 } outs
                    ? string.Join(", ", outs.Select(o => FormatShape(o.Shape))) : "?";
            var count = layer.Built ? layer.CountParams().ToString("N0", CultureInfo.InvariantCulture) : "0 (unbuilt)";
            rows.Add([$"{layer.Name} ({layer.KerasClassName})", shape, count]);
        }
        return rows;
    }

    /// <summary>Python's tuple form: <c>(None, 5, 20)</c>.</summary>
    internal static string FormatShape(int?[] shape) =>
        "(" + string.Join(", ", shape.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "None")) + (shape.Length == 1 ? ",)" : ")");

    private static string Rule(char left, char fill, char cross, char right) =>
        left + string.Join(cross, ColumnWidths.Select(w => new string(fill, w))) + right + "\n";

    private static string Row(char bar, string[] cells)
    {
        var parts = new string[3];
        for (int i = 0; i < 3; i++)
        {
            string c = cells[i].Length > ColumnWidths[i] - 2 ? cells[i][..(ColumnWidths[i] - 2)] : cells[i];
            parts[i] = " " + (i == 2 ? c.PadLeft(ColumnWidths[i] - 2) : c.PadRight(ColumnWidths[i] - 2)) + " ";
        }
        return bar + string.Join(bar, parts) + bar + "\n";
    }

    private static string Totals(string label, long count) =>
        $" {label}: {count.ToString("N0", CultureInfo.InvariantCulture)} ({ReadableSize(count * sizeof(float))})\n";

    /// <summary>Keras's <c>readable_memory_size</c>: B, KB, MB, … with 1 KB = 1024 B and two decimals.</summary>
    internal static string ReadableSize(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (bytes / 1024 < 1) return bytes.ToString("F2", CultureInfo.InvariantCulture) + " " + unit;
            bytes /= 1024;
        }
        return bytes.ToString("F2", CultureInfo.InvariantCulture) + " PB";
    }
}
