using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Looks up a learned vector per token id: <c>[B, …] → [B, …, output_dim]</c>. Keras: <c>keras.layers.Embedding</c>.</summary>
/// <remarks>Token ids are float tensors holding integers in <c>[0, input_dim)</c>. With <c>mask_zero</c>, the output mask is
/// <c>ids ≠ 0</c> (id 0 is padding). Weight: <c>embeddings [input_dim, output_dim]</c>.</remarks>
public sealed class Embedding : Layer
{
    public Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null, Regularizer? embeddingsRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? embeddingsConstraint = null, bool maskZero = false, string? name = null) : base(name)
    {
        if (inputDim <= 0 || outputDim <= 0)
            throw new ArgumentOutOfRangeException(inputDim <= 0 ? nameof(inputDim) : nameof(outputDim),
                $"Embedding: both input_dim and output_dim should be positive; received input_dim={inputDim}, output_dim={outputDim}.");
        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = embeddingsInitializer ?? Initializer.Get("uniform");
        EmbeddingsRegularizer = embeddingsRegularizer;
        ActivityRegularizer = activityRegularizer;
        EmbeddingsConstraint = embeddingsConstraint;
        MaskZero = maskZero;
    }

    public int InputDim { get; }
    public int OutputDim { get; }
    public Initializer EmbeddingsInitializer { get; }
    public Regularizer? EmbeddingsRegularizer { get; }
    public Regularizer? ActivityRegularizer { get; }
    public Constraint? EmbeddingsConstraint { get; }
    public bool MaskZero { get; }
    public Variable? Embeddings { get; private set; }

    public override string KerasClassName => "Embedding";

    public override bool SupportsMasking => MaskZero;

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["input_dim"] = InputDim;
        c["output_dim"] = OutputDim;
        c["embeddings_initializer"] = EmbeddingsInitializer.ToConfig();
        c["embeddings_regularizer"] = EmbeddingsRegularizer?.ToConfig();
        c["activity_regularizer"] = ActivityRegularizer?.ToConfig();
        c["embeddings_constraint"] = EmbeddingsConstraint?.ToConfig();
        c["mask_zero"] = MaskZero;
        return c;
    }

    protected override void BuildCore(int?[] inputShape) =>
        Embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer, EmbeddingsRegularizer, EmbeddingsConstraint);

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var ids = inputs[0];
        var y = Ops.Gather(Embeddings!, ids);   // Gather rejects ids that are not integers in [0, input_dim)
        if (ActivityRegularizer is not null) AddActivityLoss(ActivityRegularizer.Loss(y));
        return [y];
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask)
    {
        if (!MaskZero) return [null];
        var ids = inputs[0];
        var m = Tensor.Zeros(ids.Shape);
        var src = ids.AsReadOnlySpan();
        var dst = m.AsSpan();
        for (int i = 0; i < dst.Length; i++) dst[i] = src[i] != 0f ? 1f : 0f;
        return [m];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [[.. inputShape, OutputDim]];
}
