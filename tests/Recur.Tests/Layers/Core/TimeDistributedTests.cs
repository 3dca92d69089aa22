using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Core;

public sealed class TimeDistributedTests
{
    [Fact]
    public void AppliesInnerLayerPerStep_WithSharedWeights()
    {
        var dense = new Dense(2, kernelInitializer: "ones");
        var td = new TimeDistributed(dense);
        var x = GradCheck.Random([3, 4, 5], 1);
        var y = td.Apply(x);
        Assert.Equal([3, 4, 2], y.Shape);
        Assert.Equal(dense.Apply(x).ToArray(), y.ToArray());
        Assert.Same(dense.Kernel, td.Weights[0]);
        Assert.Equal([[null, 4, 2]], td.ComputeOutputShape([null, 4, 5]));
        Assert.True(td.SupportsMasking);
        GradCheck.Assert(t => td.Apply(t[0]), [GradCheck.Random([2, 3, 5], 2), dense.Kernel!.Value]);
    }

    [Fact]
    public void PassesMaskSlices_ToInnerLayer()
    {
        var probe = new MaskProbe();
        new TimeDistributed(probe).Apply(Tensor.Ones(2, 3, 4), new Tensor([1f, 0f, 1f, 1f, 1f, 0f], 2, 3));
        Assert.Equal([[1f, 1f], [0f, 1f], [1f, 0f]], probe.Seen.Select(m => m!.ToArray()));
    }

    [Fact]
    public void RejectsBadRank_BadMask_AndRoundTrips()
    {
        var td = new TimeDistributed(new Dense(5, activation: "softmax", kernelInitializer: "ones"));
        var ex = Assert.Throws<ShapeMismatchException>(() => td.Apply(Tensor.Zeros(4, 5, 3), Tensor.Ones(5, 5)));
        Assert.Contains("mask", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => new TimeDistributed(new Dense(1, kernelInitializer: "ones")).Apply(Tensor.Ones(2, 3)));
        var rebuilt = (TimeDistributed)ConfigCheck.RoundTrip(td);
        Assert.IsType<Dense>(rebuilt.Layer);
    }

    private sealed class MaskProbe() : Layer("probe")
    {
        public List<Tensor?> Seen { get; } = [];
        public override string KerasClassName => "MaskProbe";
        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
        {
            Seen.Add(options.Mask);
            return [inputs[0]];
        }
        public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
    }
}
