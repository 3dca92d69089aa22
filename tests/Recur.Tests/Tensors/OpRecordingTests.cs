using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class OpRecordingTests
{
    /// <summary>Every op, applied to x of shape [2, 3] (and a second operand y of the same shape); each returns its outputs.</summary>
    public static TheoryData<string> OpNames => new(AllOps.Keys);

    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor[]>> AllOps = new()
    {
        ["Add"] = (x, y) => [x + y], ["Sub"] = (x, y) => [x - y], ["Mul"] = (x, y) => [x * y], ["Div"] = (x, y) => [x / y],
        ["Neg"] = (x, _) => [-x], ["MatMul"] = (x, y) => [Ops.MatMul(x, Ops.Transpose(y))],
        ["Exp"] = (x, _) => [Ops.Exp(x)], ["Log"] = (x, _) => [Ops.Log(x)], ["Sqrt"] = (x, _) => [Ops.Sqrt(x)],
        ["Tanh"] = (x, _) => [Ops.Tanh(x)], ["Sigmoid"] = (x, _) => [Ops.Sigmoid(x)], ["Relu"] = (x, _) => [Ops.Relu(x)],
        ["HardSigmoid"] = (x, _) => [Ops.HardSigmoid(x), Ops.HardSigmoidLegacy(x)],
        ["Reshape"] = (x, _) => [Ops.Reshape(x, 3, 2)], ["Sum"] = (x, _) => [Ops.Sum(x), Ops.Sum(x, 1)],
        ["Softmax"] = (x, _) => [Ops.Softmax(x), Ops.Softmax(x, 0)], ["LogSoftmax"] = (x, _) => [Ops.LogSoftmax(x)],
        ["Mean"] = (x, _) => [Ops.Mean(x), Ops.Mean(x, 0), Ops.Mean(x, [0, 1], keepDims: true)],
        ["Max"] = (x, _) => [Ops.Max(x, 1), Ops.Max(x, [0, 1], keepDims: true)],
        ["Transpose"] = (x, _) => [Ops.Transpose(x), Ops.Transpose(x, 1, 0)], ["Slice"] = (x, _) => [Ops.Slice(x, 1, 1, 2)],
        ["Concat"] = (x, y) => [Ops.Concat([x, y], 0)], ["Split"] = (x, _) => [.. Ops.Split(x, 1, 3), .. Ops.Split(x, 0, [1, 1])],
        ["Stack"] = (x, y) => [Ops.Stack([x, y], 1)], ["Reverse"] = (x, _) => [Ops.Reverse(x, 1)],
        ["Squeeze"] = (x, _) => [Ops.Squeeze(Ops.ExpandDims(x, 0), 0), Ops.ExpandDims(x, -1)],
        ["Gather"] = (x, _) => [Ops.Gather(x, new Tensor([1f, 0f, 1f])), Ops.Gather(x, Tensor.Scalar(2f), 1)],
        ["Where"] = (x, y) => [Ops.Where(new Tensor([1f, 0f, 1f]), x, y)], ["Clip"] = (x, _) => [Ops.Clip(x, -0.5f, 0.5f)],
        ["Square"] = (x, _) => [Ops.Square(x)], ["Abs"] = (x, _) => [Ops.Abs(x)], ["Pow"] = (x, _) => [Ops.Pow(x, 2f)],
        ["Maximum"] = (x, y) => [Ops.Maximum(x, y)], ["Minimum"] = (x, y) => [Ops.Minimum(x, y)],
    };

    private static (Tensor X, Tensor Y) Operands() =>
        (new Tensor([0.5f, 1f, 1.5f, 2f, 2.5f, 3f], 2, 3) { RequiresGrad = true }, new Tensor([3f, 1f, 2f, 0.5f, 1f, 4f], 2, 3) { RequiresGrad = true });

    [Theory, MemberData(nameof(OpNames))]
    public void NoGrad_NoOpRecordsANode(string op)
    {
        var (x, y) = Operands();
        using (Autograd.NoGrad())
            foreach (var r in AllOps[op](x, y))
            {
                Assert.True(r.IsLeaf, $"{op} recorded a node under NoGrad.");
                Assert.False(r.RequiresGrad, $"{op} requires a gradient under NoGrad.");
            }
        // Outside the scope the same op records and back-propagates to both operands where it uses them.
        foreach (var r in AllOps[op](x, y))
        {
            Assert.True(r.RequiresGrad, $"{op} did not record.");
            Assert.False(r.IsLeaf);
            Ops.Sum(r).Backward();
        }
        Assert.NotNull(x.Grad);
    }

    [Fact]
    public void Gradients_AccumulateThroughSplitConcatRoundTrip()
    {
        var x = new Tensor(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 2, 6) { RequiresGrad = true };
        var p = Ops.Split(x, 1, 3);
        // p[0] is used twice and p[1] not at all; weights tell the pieces apart.
        var y = Ops.Concat([p[2], p[0], p[0]], 1);
        var w = new Tensor([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f], 2, 6);
        Ops.Sum(y * w).Backward();
        Assert.Equal([3f + 5f, 4f + 6f, 0f, 0f, 1f, 2f, 9f + 11f, 10f + 12f, 0f, 0f, 7f, 8f], x.Grad!.ToArray());

        // A second backward through a Stack of the same pieces adds on top.
        Ops.Sum(Ops.Stack(p, 0)).Backward();
        Assert.Equal([9f, 11f, 1f, 1f, 2f, 3f, 21f, 23f, 1f, 1f, 8f, 9f], x.Grad!.ToArray());
    }

    [Fact]
    public void Gradients_AccumulateWhenSplitPiecesMeetAgain()
    {
        GradCheck.Assert(t =>
        {
            var p = Ops.Split(t[0], 0, 2);
            var s = Ops.Stack([p[0], p[1], p[0]], 1);
            var q = Ops.Split(s, 1, [2, 1]);
            return Ops.Concat([q[1], q[0]], 1) * Ops.Reverse(s, 1);
        }, [GradCheck.Random([4, 3], 71)]);
    }
}
