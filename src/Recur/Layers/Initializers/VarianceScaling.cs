using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Random values scaled to the weight's fan-in and/or fan-out. Keras: <c>keras.initializers.VarianceScaling</c>.
/// </summary>
/// <remarks>
/// <c>s = scale / max(1, n)</c> with <c>n</c> = fan_in, fan_out or (fan_in + fan_out)/2 by <c>mode</c>; then
/// <c>"truncated_normal"</c>: truncated normal with stddev <c>√s / 0.87962566103423978</c> (the stddev of a unit normal
/// truncated at ±2, so the result has variance s); <c>"untruncated_normal"</c>: normal with stddev <c>√s</c>;
/// <c>"uniform"</c>: <c>U[−√(3s), √(3s))</c>. <c>"normal"</c> is read as <c>"truncated_normal"</c>, and the distribution
/// name is case-insensitive, as in Keras. Fans follow <see cref="ComputeFans"/>.
/// </remarks>
public class VarianceScaling : RandomInitializer
{
    private static readonly string[] Modes = ["fan_in", "fan_out", "fan_avg"];
    private static readonly string[] Distributions = ["uniform", "truncated_normal", "untruncated_normal"];

    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null,
        int[]? inputAxes = null, int[]? outputAxes = null) : base(seed)
    {
        if (!(scale > 0))
            throw new ArgumentException($"Argument `scale` must be positive float. Received: scale={scale}", nameof(scale));
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!Modes.Contains(mode))
            throw new ArgumentException($"Invalid `mode` argument: {mode}. Please use one of {{'fan_in', 'fan_out', 'fan_avg'}}", nameof(mode));
        distribution = distribution.ToLowerInvariant();
        if (distribution == "normal") distribution = "truncated_normal";
        if (!Distributions.Contains(distribution))
            throw new ArgumentException(
                $"Invalid `distribution` argument: {distribution}. Please use one of {{'uniform', 'truncated_normal', 'untruncated_normal'}}", nameof(distribution));
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
        InputAxes = inputAxes;
        OutputAxes = outputAxes;
    }

    public double Scale { get; }

    /// <summary><c>"fan_in"</c>, <c>"fan_out"</c> or <c>"fan_avg"</c>.</summary>
    public string Mode { get; }

    /// <summary><c>"truncated_normal"</c>, <c>"untruncated_normal"</c> or <c>"uniform"</c>.</summary>
    public string Distribution { get; }

    /// <summary>Keras 3.15: the axes whose sizes multiply to fan_in (null: the shape rule of <see cref="ComputeFans"/>).</summary>
    public int[]? InputAxes { get; }

    /// <summary>Keras 3.15: the axes whose sizes multiply to fan_out (null: the shape rule of <see cref="ComputeFans"/>).</summary>
    public int[]? OutputAxes { get; }

    public override string KerasClassName => "VarianceScaling";

    public override Tensor Generate(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (fanIn, fanOut) = ComputeFans(shape, InputAxes, OutputAxes);
        double n = Mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            _ => (fanIn + fanOut) / 2.0,
        };
        double s = Scale / Math.Max(1.0, n);
        var stream = NewStream();
        return Distribution switch
        {
            "truncated_normal" => stream.TruncatedNormal(shape, 0, Math.Sqrt(s) / 0.87962566103423978),
            "untruncated_normal" => stream.Normal(shape, 0, Math.Sqrt(s)),
            _ => stream.Uniform(shape, -Math.Sqrt(3 * s), Math.Sqrt(3 * s)),
        };
    }

    /// <summary>
    /// Keras's <c>compute_fans</c>: shape <c>()</c> → (1, 1); <c>(n)</c> → (n, n); <c>(a, b)</c> → (a, b); rank ≥ 3, a
    /// convolution kernel <c>(*k, in, out)</c> → (in·Πk, out·Πk). Given axes replace the rule for that fan by the product
    /// of the sizes on those axes (negative axes count from the end).
    /// </summary>
    public static (long FanIn, long FanOut) ComputeFans(int[] shape, int[]? inputAxes = null, int[]? outputAxes = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long fanIn, fanOut;
        if (shape.Length == 0) (fanIn, fanOut) = (1, 1);
        else if (shape.Length == 1) (fanIn, fanOut) = (shape[0], shape[0]);
        else
        {
            long receptive = 1;
            for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
            (fanIn, fanOut) = (shape[^2] * receptive, shape[^1] * receptive);
        }
        if (inputAxes is not null) fanIn = ProductOf(shape, inputAxes);
        if (outputAxes is not null) fanOut = ProductOf(shape, outputAxes);
        return (fanIn, fanOut);
    }

    private static long ProductOf(int[] shape, int[] axes) =>
        axes.Aggregate(1L, (p, a) => p * shape[Shapes.Axis(a, shape.Length, "VarianceScaling fan axes")]);

    /// <summary>Keras order: <c>seed</c>, <c>scale</c>, <c>mode</c>, <c>distribution</c>, then the Keras 3.15 axes.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scale;
        config["mode"] = Mode;
        config["distribution"] = Distribution;
        AddAxes(config);
        return config;
    }

    /// <summary>Writes <c>input_axes</c> and <c>output_axes</c> (null when unset), as Keras 3.15 does for the whole family.</summary>
    private protected void AddAxes(JsonObject config)
    {
        config["input_axes"] = AxesToJson(InputAxes);
        config["output_axes"] = AxesToJson(OutputAxes);
    }

    private static JsonArray? AxesToJson(int[]? axes) => axes is null ? null : new JsonArray(axes.Select(a => (JsonNode?)a).ToArray());
}
