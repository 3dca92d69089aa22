using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Base of the global 1-D pooling layers: <c>data_format</c>, <c>keepdims</c>, shapes. Keras: <c>BaseGlobalPooling</c>.</summary>
public abstract class GlobalPooling1D : Layer
{
    protected GlobalPooling1D(string? dataFormat, bool keepdims, string? name) : base(name)
    {
        DataFormat = dataFormat ?? "channels_last";
        if (DataFormat is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"{KerasClassName}: data_format must be 'channels_last' or 'channels_first'; received '{DataFormat}'.", nameof(dataFormat));
        Keepdims = keepdims;
        InputSpec = new InputSpec(Rank: 3);
    }

    public string DataFormat { get; }
    public bool Keepdims { get; }

    /// <summary>The time axis: 1 for <c>[B, T, F]</c>, 2 for <c>[B, F, T]</c>.</summary>
    protected int StepAxis => DataFormat == "channels_last" ? 1 : 2;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["data_format"] = DataFormat;
        c["keepdims"] = Keepdims;
        return c;
    }

    /// <summary>The <c>[B, T]</c> mask reshaped to broadcast against the input.</summary>
    protected Tensor Broadcastable(Tensor mask) =>
        Ops.Reshape(mask, StepAxis == 1 ? [mask.Dims[0], mask.Dims[1], 1] : [mask.Dims[0], 1, mask.Dims[1]]);

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        if (!Keepdims) return [[inputShape[0], inputShape[3 - StepAxis]]];
        var kept = (int?[])inputShape.Clone();
        kept[StepAxis] = 1;
        return [kept];
    }
}
