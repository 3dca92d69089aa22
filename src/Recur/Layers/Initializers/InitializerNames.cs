namespace Recur.Layers;

/// <summary>Keras's string aliases for initializer classes (<c>"glorot_uniform"</c> ↔ <c>GlorotUniform</c>).</summary>
internal static class InitializerNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["zeros"] = "Zeros", ["ones"] = "Ones", ["constant"] = "Constant",
        ["random_normal"] = "RandomNormal", ["random_uniform"] = "RandomUniform", ["truncated_normal"] = "TruncatedNormal",
        ["glorot_uniform"] = "GlorotUniform", ["glorot_normal"] = "GlorotNormal",
        ["he_uniform"] = "HeUniform", ["he_normal"] = "HeNormal",
        ["lecun_uniform"] = "LecunUniform", ["lecun_normal"] = "LecunNormal",
        ["orthogonal"] = "Orthogonal", ["identity"] = "Identity", ["variance_scaling"] = "VarianceScaling",
        ["uniform"] = "RandomUniform", ["normal"] = "RandomNormal", ["zero"] = "Zeros", ["one"] = "Ones",
    };

    public static IEnumerable<string> Known => Aliases.Keys.Where(k => k.Contains('_') || k is "zeros" or "ones" or "constant" or "orthogonal" or "identity");

    public static string ClassNameOf(string alias) => Aliases.TryGetValue(alias, out var c) ? c : alias;
}
