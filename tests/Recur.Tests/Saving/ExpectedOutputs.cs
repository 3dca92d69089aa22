using System.Text.Json.Nodes;

namespace Recur.Tests.Saving;

/// <summary>One <c>shared/models/expected/&lt;name&gt;.json</c>: model files, inputs, reference outputs and tolerance.</summary>
public sealed class ExpectedOutputs
{
    private ExpectedOutputs(JsonObject json)
    {
        Format = json["format"]!.GetValue<string>();
        var files = json["files"]!.AsObject();
        ModelFile = files["model"]!.GetValue<string>();
        ConfigFile = files["config"]?.GetValue<string>();
        Inputs = json["inputs"]!.AsArray().Select(a => Decode(a!.AsObject())).ToList();
        Outputs = json["outputs"]!.AsArray().Select(a => Decode(a!.AsObject())).ToList();
        var tol = json["suggested_tolerance"]!.AsObject();
        Atol = tol["atol"]!.GetValue<double>();
        Rtol = tol["rtol"]!.GetValue<double>();
    }

    public string Format { get; }

    public string ModelFile { get; }

    public string? ConfigFile { get; }

    public IReadOnlyList<Tensor> Inputs { get; }

    public IReadOnlyList<Tensor> Outputs { get; }

    public double Atol { get; }

    public double Rtol { get; }

    public static ExpectedOutputs Read(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Models, "expected", name + ".json")))!.AsObject());

    // Arrays are raw little-endian bytes; integer token ids become float32, as Recur's Embedding takes them.
    private static Tensor Decode(JsonObject a)
    {
        var bytes = Convert.FromBase64String(a["b64"]!.GetValue<string>());
        var shape = a["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
        float[] values = a["dtype"]!.GetValue<string>() switch
        {
            "float32" => Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray(),
            "float64" => Enumerable.Range(0, bytes.Length / 8).Select(i => (float)BitConverter.ToDouble(bytes, 8 * i)).ToArray(),
            "int32" => Enumerable.Range(0, bytes.Length / 4).Select(i => (float)BitConverter.ToInt32(bytes, 4 * i)).ToArray(),
            "int64" => Enumerable.Range(0, bytes.Length / 8).Select(i => (float)BitConverter.ToInt64(bytes, 8 * i)).ToArray(),
            var other => throw new InvalidOperationException($"expected-output dtype {other} is not handled"),
        };
        return new Tensor(values, shape);
    }
}
