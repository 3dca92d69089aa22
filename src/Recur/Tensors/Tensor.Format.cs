using System.Globalization;
using System.Text;

namespace Recur;

public sealed partial class Tensor
{
    private const int FormatEdgeItems = 3;
    private const int FormatThreshold = 1000;

    /// <summary>
    /// NumPy-like text: nested brackets for small tensors; large ones show the first and last three entries of each
    /// axis with <c>...</c> between. Ends with the shape.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Tensor(");
        if (Rank == 0) sb.Append(Fmt(_data[0]));
        else Append(sb, 0, 0, Size > FormatThreshold, 7);
        sb.Append(", shape=").Append(Shapes.Format(_shape)).Append(')');
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int axis, int offset, bool summarize, int indent)
    {
        int n = _shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < Rank; i++) stride *= _shape[i];
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * FormatEdgeItems && i == FormatEdgeItems)
            {
                sb.Append(axis == Rank - 1 ? "..., " : "...,\n" + new string(' ', indent + axis + 1));
                i = n - FormatEdgeItems - 1;
                continue;
            }
            if (axis == Rank - 1) sb.Append(Fmt(_data[offset + i]));
            else Append(sb, axis + 1, offset + i * stride, summarize, indent);
            if (i < n - 1) sb.Append(axis == Rank - 1 ? ", " : ",\n" + new string(' ', indent + axis + 1));
        }
        sb.Append(']');
    }

    private static string Fmt(float v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
