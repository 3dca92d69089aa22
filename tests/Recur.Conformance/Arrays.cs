using System.Text.Json.Nodes;

namespace Recur.Conformance;

/// <summary>Literal JSON arrays ↔ tensors, and the double-precision slicing the expectations use.</summary>
public static class Arrays
{
    /// <summary>A row-major double array with its shape.</summary>
    public sealed record Nd(double[] Data, int[] Shape)
    {
        /// <summary>numpy <c>np.take(a, index, axis)</c>: drops <paramref name="axis"/>; a negative index counts from the end.</summary>
        public Nd Take(int axis, int index)
        {
            int a = axis < 0 ? axis + Shape.Length : axis;
            int n = Shape[a], i = index < 0 ? index + n : index;
            if (i < 0 || i >= n) throw new CaseFailure($"slice index {index} is outside axis {axis} of size {n}");
            int outer = Shape[..a].Aggregate(1, (x, y) => x * y), inner = Shape[(a + 1)..].Aggregate(1, (x, y) => x * y);
            var data = new double[outer * inner];
            for (int o = 0; o < outer; o++) Array.Copy(Data, (o * n + i) * inner, data, o * inner, inner);
            return new Nd(data, [.. Shape[..a], .. Shape[(a + 1)..]]);
        }
    }

    /// <summary>A float32 tensor from a nested list of numbers or booleans (true → 1).</summary>
    public static Tensor ToTensor(JsonNode node)
    {
        var shape = new List<int>();
        for (var n = node; n is JsonArray a; n = a.Count > 0 ? a[0] : null) shape.Add(a.Count);
        var data = Flatten(node).Select(d => (float)d).ToArray();
        return new Tensor(data, [.. shape]);
    }

    /// <summary>The numbers of a nested list (or a bare number), row-major, as doubles.</summary>
    public static double[] Flatten(JsonNode node)
    {
        var values = new List<double>();
        void Walk(JsonNode? n)
        {
            if (n is JsonArray a) foreach (var item in a) Walk(item);
            else if (n is JsonValue v && v.TryGetValue(out bool b)) values.Add(b ? 1 : 0);
            else values.Add(n!.GetValue<double>());
        }
        Walk(node);
        return [.. values];
    }

    public static Nd FromTensor(Tensor t) => new(t.ToArray().Select(f => (double)f).ToArray(), t.Shape);

    public static int?[] Shape(JsonArray a) => a.Select(n => n is null ? (int?)null : n.GetValue<int>()).ToArray();

    /// <summary>Index of the first element outside <c>atol + rtol·|expected|</c>, or null (numpy <c>assert_allclose</c>).</summary>
    public static int? FirstMismatch(double[] actual, double[] expected, double atol, double rtol)
    {
        if (actual.Length != expected.Length) return 0;
        for (int i = 0; i < actual.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]))) return i;
        return null;
    }
}
