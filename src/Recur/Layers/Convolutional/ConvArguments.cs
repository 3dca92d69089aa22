using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Keras's argument standardisation for convolution-like layers (<c>standardize_tuple</c>, <c>standardize_padding</c>,
/// <c>standardize_data_format</c>), the channels-first transposes, and the null-aware output-shape rule.
/// </summary>
internal static class ConvArguments
{
    public const string ChannelsLast = "channels_last";
    public const string ChannelsFirst = "channels_first";

    /// <summary>An int (a one-element array) repeated to <paramref name="rank"/> entries, or a <paramref name="rank"/>-tuple; every entry positive.</summary>
    public static int[] Tuple(int[]? value, int rank, string argument, string className, int fallback = 1)
    {
        if (value is null) return Enumerable.Repeat(fallback, rank).ToArray();
        var tuple = value.Length == 1 ? Enumerable.Repeat(value[0], rank).ToArray() : value.ToArray();
        if (tuple.Length != rank || tuple.Any(v => v <= 0))
            throw new ArgumentException(
                $"{className}: the `{argument}` argument must be an integer or a tuple of {rank} positive integers; received {argument}=[{string.Join(", ", value)}].",
                argument);
        return tuple;
    }

    /// <summary><c>channels_last</c> (also for null, Keras's default image data format) or <c>channels_first</c>.</summary>
    public static string DataFormat(string? value, string className)
    {
        string format = value?.ToLowerInvariant() ?? ChannelsLast;
        return format is ChannelsLast or ChannelsFirst ? format
            : throw new ArgumentException($"{className}: the `data_format` argument must be one of 'channels_first', 'channels_last'; received data_format={value}.", "dataFormat");
    }

    /// <summary>Rejects <c>causal</c> padding where Keras does (everything but 1-D convolutions).</summary>
    public static Padding CheckPadding(Padding padding, bool allowCausal, string className) =>
        padding != Padding.Causal || allowCausal ? padding
            : throw new ArgumentException($"{className}: the `padding` argument must be one of 'valid', 'same'; received padding=causal.", nameof(padding));

    /// <summary>Keras's <c>strides > 1</c> with <c>dilation_rate > 1</c> check (raised at construction).</summary>
    public static void CheckStridesAndDilation(int[] strides, int[] dilation, string className)
    {
        if (strides.Max() > 1 && dilation.Max() > 1)
            throw new ArgumentException(
                $"{className}: `strides > 1` not supported in conjunction with `dilation_rate > 1`; provide strides=1 or dilation_rate=1. " +
                $"Received: strides={Shapes.Format(strides)} and dilation_rate={Shapes.Format(dilation)}.");
    }

    /// <summary>The config with <c>padding</c> lower-cased: Keras accepts any case (<c>"SAME"</c>).</summary>
    public static JsonObject NormalizePadding(JsonObject config)
    {
        if (config["padding"] is JsonValue v && v.TryGetValue(out string? s)) config["padding"] = s.ToLowerInvariant();
        return config;
    }

    /// <summary>The spatial output sizes for <paramref name="spatial"/> input sizes; unknown stays unknown.</summary>
    public static int?[] OutputSpatial(ReadOnlySpan<int?> spatial, int[] window, int[] strides, int[] dilation, Padding padding, string who)
    {
        var result = new int?[spatial.Length];
        for (int a = 0; a < spatial.Length; a++)
        {
            if (spatial[a] is not int n) continue;
            result[a] = ConvGeometry.OutputLength(n, window[a], strides[a], dilation[a], padding)
                ?? throw new ShapeMismatchException(
                    $"{who}: computed output size would be non-positive on spatial axis {a} (input {n}, window {window[a]}, stride {strides[a]}, dilation {dilation[a]}, padding '{Name(padding)}').");
        }
        return result;
    }

    /// <summary>The Keras spelling of a padding.</summary>
    public static string Name(Padding padding) => ConfigBinder.EnumToKeras(padding)!;

    /// <summary>A tuple as a JSON list (Keras writes tuples as lists).</summary>
    public static JsonArray ToJson(int[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    /// <summary><c>[B, C, *spatial]</c> → <c>[B, *spatial, C]</c>.</summary>
    public static Tensor ToChannelsLast(Tensor x) => Ops.Transpose(x, [0, .. Enumerable.Range(2, x.Rank - 2), 1]);

    /// <summary><c>[B, *spatial, C]</c> → <c>[B, C, *spatial]</c>.</summary>
    public static Tensor ToChannelsFirst(Tensor y) => Ops.Transpose(y, [0, y.Rank - 1, .. Enumerable.Range(1, y.Rank - 2)]);
}
