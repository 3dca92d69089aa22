using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>The layer behind a model input; passes its input through. Keras: <c>keras.layers.InputLayer</c>.</summary>
/// <remarks>Keras accepts either <c>shape</c> (+ <c>batch_size</c>) or <c>batch_shape</c>; configs hold <c>batch_shape</c>.</remarks>
public sealed class InputLayer : Layer
{
    public InputLayer(int?[]? shape = null, int? batchSize = null, string? dtype = null, bool sparse = false, int?[]? batchShape = null,
        bool ragged = false, bool optional = false, string? name = null) : base(name)
    {
        if (shape is not null && batchShape is not null)
            throw new ArgumentException("InputLayer: you cannot pass both `shape` and `batch_shape` at the same time.");
        if (shape is null && batchShape is null)
            throw new ArgumentException("InputLayer: you must pass a `shape` argument.");
        BatchShape = batchShape is not null ? (int?[])batchShape.Clone() : [batchSize, .. shape!];
        // Integer inputs (token ids for an Embedding) are carried as float32, which holds ids exactly up to 2^24.
        if (dtype is not null && dtype != "float32" && !IntegerDTypes.Contains(dtype))
            throw new ArgumentException($"InputLayer: dtype '{dtype}' is not supported; Recur computes in float32 (integer ids are accepted).");
        DType = dtype ?? "float32";
        if (sparse || ragged) throw new NotSupportedException("InputLayer: sparse and ragged inputs are not supported.");
        Optional = optional;
        MarkBuilt(BatchShape);
    }

    /// <summary>The input shape including the batch axis.</summary>
    public int?[] BatchShape { get; }

    public bool Optional { get; }

    /// <summary>The declared input dtype: <c>float32</c>, or an integer type whose ids arrive as float32 values.</summary>
    public string DType { get; }

    private static readonly HashSet<string> IntegerDTypes = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"];

    public override string KerasClassName => "InputLayer";

    public override bool SupportsMasking => true;

    /// <summary>Keras writes only these keys for an input layer (no <c>trainable</c>, and the dtype as a plain string).</summary>
    public override JsonObject GetConfig() => new()
    {
        ["batch_shape"] = KerasSerializer.ShapeToJson(BatchShape),
        ["dtype"] = DType,
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = Name,
        ["optional"] = Optional,
    };

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) => [inputs[0]];

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
}
