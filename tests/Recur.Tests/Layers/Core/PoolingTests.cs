using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class PoolingTests
{
    private static readonly Tensor X = new(new float[,,] { { { 1, -2 }, { 3, 4 }, { 100, 100 } } });
    private static readonly Tensor Mask = new([1f, 1f, 0f], 1, 3);

    [Fact]
    public void GlobalAveragePooling1D_IgnoresMaskedSteps()
    {
        var layer = new GlobalAveragePooling1D();
        Assert.Equal([104f / 3, 102f / 3], layer.Apply(X).ToArray());
        Assert.Equal([2f, 1f], layer.Apply(X, Mask).ToArray());
        Assert.Equal([[null, 2]], layer.ComputeOutputShape([null, 3, 2]));
        Assert.Equal([1, 1, 2], new GlobalAveragePooling1D(keepdims: true).Apply(X).Shape);
        GradCheck.Assert(t => layer.Apply(t[0], Mask), [GradCheck.Random([1, 3, 2], 1)]);
        ConfigCheck.RoundTrip(layer);
    }

    [Fact]
    public void GlobalMaxPooling1D_IgnoresMaskedSteps()
    {
        var layer = new GlobalMaxPooling1D();
        Assert.Equal([100f, 100f], layer.Apply(X).ToArray());
        Assert.Equal([3f, 4f], layer.Apply(X, Mask).ToArray());
        Assert.Equal([2f, 1f], new GlobalMaxPooling1D(dataFormat: "channels_first").Apply(new Tensor(new float[,,] { { { 1, 2 }, { 0, 1 } } })).ToArray());
        ConfigCheck.RoundTrip(layer);
    }
}
