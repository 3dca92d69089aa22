using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Flattens every axis but the batch axis: <c>[B, d1, d2, …] → [B, d1·d2·…]</c>. Keras: <c>keras.layers.Flatten</c>.</summary>
public sealed class Flatten : Layer
{
    public Flatten(string? dataFormat = null, string? name = null) : base(name)
    {
        DataFormat = dataFormat ?? "channels_last";
        if (DataFormat is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"Flatten: data_format must be 'channels_last' or 'channels_first'; received '{DataFormat}'.", nameof(dataFormat));
        InputSpec = new InputSpec(MinRank: 1);
    }

    public string DataFormat { get; }

    public override string KerasClassName => "Flatten";

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["data_format"] = DataFormat;
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        // channels_first moves the channel axis last before flattening, as Keras does, so the element order matches.
        if (DataFormat == "channels_first" && x.Rank > 2)
            x = Ops.Transpose(x, [0, .. Enumerable.Range(2, x.Rank - 2), 1]);
        return [Ops.Reshape(x, x.Rank == 1 ? [x.Dims[0], 1] : [x.Dims[0], -1])];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        int? rest = 1;
        foreach (var d in inputShape.Skip(1)) rest = rest * d;
        return [[inputShape[0], rest]];
    }
}
