using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// What the max-pooling layers share: window, strides (default: the window), valid/same padding and data format over
/// <c>rank</c> spatial axes. Keras: <c>BasePooling</c> with <c>pool_mode="max"</c>.
/// </summary>
/// <remarks>Inputs are exactly <c>[B, *spatial, C]</c> (or <c>[B, C, *spatial]</c> with <c>channels_first</c>); see <see cref="Ops.MaxPool"/>.</remarks>
public abstract class BasePooling : Layer
{
    /// <summary>Standardises the arguments as Keras does (an int repeats on every axis).</summary>
    protected BasePooling(int rank, int[]? poolSize, int[]? strides, Padding padding, string? dataFormat, string? name) : base(name)
    {
        Rank = rank;
        PoolSize = ConvArguments.Tuple(poolSize, rank, "pool_size", KerasClassName, fallback: 2);
        Strides = strides is null ? PoolSize.ToArray() : ConvArguments.Tuple(strides, rank, "strides", KerasClassName);
        Padding = ConvArguments.CheckPadding(padding, allowCausal: false, KerasClassName);
        DataFormat = ConvArguments.DataFormat(dataFormat, KerasClassName);
        InputSpec = new InputSpec(Rank: rank + 2);
    }

    /// <summary>Number of spatial axes.</summary>
    public int Rank { get; }
    public int[] PoolSize { get; }
    public int[] Strides { get; }
    public Padding Padding { get; }
    public string DataFormat { get; }

    private bool ChannelsFirst => DataFormat == ConvArguments.ChannelsFirst;

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = ChannelsFirst ? ConvArguments.ToChannelsLast(inputs[0]) : inputs[0];
        var y = Ops.MaxPool(x, PoolSize, Strides, Padding);
        return [ChannelsFirst ? ConvArguments.ToChannelsFirst(y) : y];
    }

    /// <summary><c>[B, *out, C]</c> (or <c>[B, C, *out]</c>); unknown sizes stay unknown.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        var ones = Enumerable.Repeat(1, Rank).ToArray();
        string who = $"{KerasClassName} '{Name}'";
        var spatial = ConvArguments.OutputSpatial(inputShape.AsSpan(ChannelsFirst ? 2 : 1, Rank), PoolSize, Strides, ones, Padding, who);
        return ChannelsFirst ? [[inputShape[0], inputShape[1], .. spatial]] : [[inputShape[0], .. spatial, inputShape[^1]]];
    }

    /// <summary>Base keys, then <c>pool_size, padding, strides, data_format</c> (Keras 3's order).</summary>
    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["pool_size"] = ConvArguments.ToJson(PoolSize);
        c["padding"] = ConvArguments.Name(Padding);
        c["strides"] = ConvArguments.ToJson(Strides);
        c["data_format"] = DataFormat;
        return c;
    }
}
