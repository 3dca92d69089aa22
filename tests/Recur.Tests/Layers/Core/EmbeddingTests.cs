using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class EmbeddingTests
{
    [Fact]
    public void LooksUpRows_AndMasksZeroIds()
    {
        var layer = new Embedding(4, 2, embeddingsInitializer: "ones", maskZero: true);
        layer.Build([null, 3]);
        var table = new Tensor([0f, 0f, 1f, 2f, 3f, 4f, 5f, 6f], 4, 2);
        layer.SetWeights([table]);
        var y = layer.Apply(new Tensor([1f, 3f, 0f], 1, 3));
        Assert.Equal([1, 3, 2], y.Shape);
        Assert.Equal([1f, 2f, 5f, 6f, 0f, 0f], y.ToArray());
        Assert.Equal([1f, 1f, 0f], y.KerasMask!.ToArray());
        Assert.Equal([[null, 3, 2]], layer.ComputeOutputShape([null, 3]));
        Assert.Null(new Embedding(4, 2, embeddingsInitializer: "ones").Apply(new Tensor([1f], 1, 1)).KerasMask);
    }

    [Fact]
    public void RepeatedIds_AccumulateGradients()
    {
        var layer = new Embedding(3, 2, embeddingsInitializer: "ones");
        var y = layer.Apply(new Tensor([2f, 2f, 1f], 1, 3));
        Ops.Sum(y).Backward();
        Assert.Equal([0f, 0f, 1f, 1f, 2f, 2f], layer.Embeddings!.Value.Grad!.ToArray());
    }

    [Fact]
    public void OutOfRangeIds_Throw_AndConfigRoundTrips()
    {
        var layer = new Embedding(3, 2, embeddingsInitializer: "ones", maskZero: true);
        Assert.ThrowsAny<ArgumentException>(() => layer.Apply(new Tensor([3f], 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 2));
        ConfigCheck.RoundTrip(layer);
    }
}
