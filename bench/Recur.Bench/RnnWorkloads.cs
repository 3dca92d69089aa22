using System.Text.Json;

namespace Recur.Bench;

/// <summary>One workload of the anchors' <c>workloads.json</c> (B batch, T steps, D features, H units per direction).</summary>
internal sealed record RnnWorkload(string Name, int B, int T, int D, int H, int[]? Lengths, int Classes)
{
    /// <summary>Useful time steps: the sum of the valid lengths (W2var), else B·T.</summary>
    public int Steps => Lengths?.Sum() ?? B * T;

    /// <summary>
    /// GEMM FLOPs of one call, by the anchors' convention (tools/flops.py): forward of a bidirectional layer =
    /// 2 directions × steps × 2 × G × H × (D_in + H); W5 = both layers + Dense; train = 3 × forward.
    /// </summary>
    public double Flops(string cell, string mode, int batch)
    {
        int g = cell switch { "lstm" => 4, "rnn" => 1, _ => 3 };
        double steps = Lengths is null ? (double)batch * T : Steps;
        double f = 2 * steps * 2 * g * H * (D + H);
        if (Name == "W5") f += 2 * steps * 2 * g * H * (2 * H + H) + 2.0 * batch * 2 * H * Classes;
        return mode == "train" ? 3 * f : f;
    }
}

/// <summary>Reads the anchors' workload definitions (the single source of the shapes).</summary>
internal static class RnnWorkloads
{
    /// <summary>Parses <paramref name="path"/> into workloads keyed by name.</summary>
    public static Dictionary<string, RnnWorkload> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, RnnWorkload>(StringComparer.Ordinal);
        foreach (var w in doc.RootElement.GetProperty("workloads").EnumerateObject())
        {
            var v = w.Value;
            int[]? lengths = v.TryGetProperty("lengths", out var l) ? [.. l.EnumerateArray().Select(e => e.GetInt32())] : null;
            int classes = v.TryGetProperty("classes", out var c) ? c.GetInt32() : 0;
            result[w.Name] = new RnnWorkload(w.Name, v.GetProperty("B").GetInt32(), v.GetProperty("T").GetInt32(),
                v.GetProperty("D").GetInt32(), v.GetProperty("H").GetInt32(), lengths, classes);
        }
        return result;
    }

    /// <summary>
    /// The default <c>workloads.json</c>: <c>shared/bench/workloads.json</c> beside the repository root (the directory
    /// holding <c>Recur.sln</c>, found by walking up from the current directory) or beside one of its ancestors, so that
    /// both the main checkout (<c>/work/main</c> → <c>/work/shared</c>) and a worktree (<c>/work/wt/x</c>) find it.
    /// </summary>
    public static string? FindDefault()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recur.sln"))) dir = dir.Parent;
        for (var d = dir; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "..", "shared", "bench", "workloads.json");
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
