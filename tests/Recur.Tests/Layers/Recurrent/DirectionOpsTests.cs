using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Layers.Recurrent;

public sealed class DirectionOpsTests
{
    [Fact]
    public void ReverseTime_FlipsAxisOne()
    {
        var x = new Tensor([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f], 2, 3, 2);
        Assert.Equal([5f, 6f, 3f, 4f, 1f, 2f, 11f, 12f, 9f, 10f, 7f, 8f], DirectionOps.ReverseTime(x).ToArray());
    }

    [Fact]
    public void ConcatLast_PutsTheFirstTensorsFeaturesFirst()
    {
        var a = new Tensor([1f, 2f, 3f, 4f], 2, 2);
        var b = new Tensor([5f, 6f], 2, 1);
        var y = DirectionOps.ConcatLast(a, b);
        Assert.Equal([2, 3], y.Shape);
        Assert.Equal([1f, 2f, 5f, 3f, 4f, 6f], y.ToArray());
        Assert.Throws<ShapeMismatchException>(() => DirectionOps.ConcatLast(a, new Tensor([1f, 2f, 3f], 3, 1)));
    }

    [Fact]
    public void ReverseTimeAndConcatLast_MatchFiniteDifferences()
    {
        GradCheck.Assert(t => DirectionOps.ReverseTime(t[0]), [GradCheck.Random([2, 4, 3], 1)]);
        GradCheck.Assert(t => DirectionOps.ConcatLast(t[0], t[1]), [GradCheck.Random([2, 4, 3], 2), GradCheck.Random([2, 4, 2], 3)]);
        GradCheck.Assert(t => DirectionOps.ConcatLast(DirectionOps.ReverseTime(t[0]), t[0] * t[0]), [GradCheck.Random([2, 3, 2], 4)]);
    }
}
