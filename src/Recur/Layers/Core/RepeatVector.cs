using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>Repeats a vector <c>n</c> times: <c>[B, D] → [B, n, D]</c>. Keras: <c>keras.layers.RepeatVector</c>.</summary>
public sealed class RepeatVector : Layer
{
    public RepeatVector(int n, string? name = null) : base(name)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"RepeatVector: n must be a positive integer; received {n}.");
        N = n;
        InputSpec = new InputSpec(Rank: 2);
    }

    public int N { get; }

    public override string KerasClassName => "RepeatVector";

    public override JsonObject GetConfig()
    {
        var c = base.GetConfig();
        c["n"] = N;
        return c;
    }

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var x = inputs[0];
        // Broadcasting against ones repeats the row; the product's backward sums the n copies' gradients.
        return [Ops.Reshape(x, [x.Dims[0], 1, x.Dims[1]]) * Tensor.Ones(1, N, 1)];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [[inputShape[0], N, inputShape[1]]];
}
