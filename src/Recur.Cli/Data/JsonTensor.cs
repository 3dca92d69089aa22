using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Recur.Cli.Data;

/// <summary>Tensors as nested JSON arrays: <c>[[1, 2, 3], [4, 5, 0]]</c> is a [2, 3] tensor.</summary>
internal static class JsonTensor
{
    /// <summary>Parses <paramref name="json"/>; errors name <paramref name="source"/> and the line or element at fault.</summary>
    public static Tensor Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{source}:{(e.LineNumber ?? 0) + 1}: malformed JSON: {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array) throw new UserInputException($"{source}: expected a JSON array of numbers; found {Kind(root)}");
            var shape = new List<int>();
            for (var e = root; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
            {
                shape.Add(e.GetArrayLength());
                if (e.GetArrayLength() == 0) break;
            }
            var values = new List<float>();
            Collect(root, shape, 0, "", values, source);
            return new Tensor(values.ToArray(), [.. shape]);
        }
    }

    /// <summary>The tensor as nested arrays, one line per sample.</summary>
    public static string Format(Tensor tensor)
    {
        var sb = new StringBuilder();
        var data = tensor.AsReadOnlySpan().ToArray();
        int offset = 0;
        Write(sb, data, tensor.Shape, 0, ref offset);
        return sb.ToString();
    }

    private static void Collect(JsonElement element, List<int> shape, int axis, string where, List<float> values, string source)
    {
        if (axis == shape.Count)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetSingle(out float v))
                throw new UserInputException($"{source}: element {Where(where)} is {Kind(element)}, not a number");
            values.Add(v);
            return;
        }
        if (element.ValueKind != JsonValueKind.Array)
            throw new UserInputException($"{source}: element {Where(where)} is {Kind(element)}; expected an array of {shape[axis]} items (every row the same length)");
        if (element.GetArrayLength() != shape[axis])
            throw new UserInputException($"{source}: element {Where(where)} has {element.GetArrayLength()} items; expected {shape[axis]} like the first one (every row the same length)");
        int i = 0;
        foreach (var item in element.EnumerateArray()) Collect(item, shape, axis + 1, $"{where}[{i++}]", values, source);
    }

    private static void Write(StringBuilder sb, float[] data, int[] shape, int axis, ref int offset)
    {
        if (axis == shape.Length)
        {
            sb.Append(data[offset++].ToString("R", CultureInfo.InvariantCulture));
            return;
        }
        sb.Append('[');
        for (int i = 0; i < shape[axis]; i++)
        {
            if (i > 0) sb.Append(axis == 0 ? ",\n " : ", ");
            Write(sb, data, shape, axis + 1, ref offset);
        }
        sb.Append(']');
    }

    private static string Where(string path) => path.Length == 0 ? "(the top level)" : path;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.Undefined => "missing",
        _ => e.GetRawText(),
    };

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
