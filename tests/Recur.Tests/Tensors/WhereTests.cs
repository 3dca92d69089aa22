using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class WhereTests
{
    public static TheoryData<int[], int[], int[]> Cases => new()
    {
        { new[] { 2, 3 }, new[] { 2, 3 }, new[] { 2, 3 } },
        { new[] { 2, 1 }, new[] { 3 }, new int[0] },
        { new[] { 3 }, new[] { 2, 1 }, new[] { 1, 3 } },
        { new[] { 4, 1, 3 }, new[] { 2, 1 }, new[] { 4, 2, 3 } },
        { new int[0], new[] { 2, 3 }, new[] { 3 } },
    };

    private static Tensor Condition(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var data = new float[Shapes.Size(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.Next(2) == 0 ? 0f : rng.Next(1, 3);
        if (data.Length > 0) data[0] = 1f;
        return new Tensor(data, shape);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Where_MatchesFiniteDifferences(int[] sc, int[] sa, int[] sb)
    {
        var c = Condition(sc, 51);
        GradCheck.Assert(t => Ops.Where(c, t[0], t[1]), [GradCheck.Random(sa, 52), GradCheck.Random(sb, 53)]);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Where_MatchesBroadcastReference(int[] sc, int[] sa, int[] sb)
    {
        var (c, a, b) = (Condition(sc, 54), GradCheck.Random(sa, 55), GradCheck.Random(sb, 56));
        var y = Ops.Where(c, a, b);
        // Reference: broadcast each operand with Add(0) (already tested), then select element by element.
        var shape = y.Shape;
        var cb = (c + Tensor.Zeros(shape)).ToArray();
        var ab = (a + Tensor.Zeros(shape)).ToArray();
        var bb = (b + Tensor.Zeros(shape)).ToArray();
        Assert.Equal(Enumerable.Range(0, cb.Length).Select(i => cb[i] != 0 ? ab[i] : bb[i]).ToArray(), y.ToArray());
    }

    [Fact]
    public void Where_HandComputedAndNaNConditionIsTrue()
    {
        var c = new Tensor([1f, 0f, float.NaN, -2f]);
        var y = Ops.Where(c, new Tensor([1f, 2f, 3f, 4f]), Tensor.Scalar(-1f));
        Assert.Equal([1f, -1f, 3f, 4f], y.ToArray());
    }

    [Fact]
    public void Where_GivesTheConditionNoGradient()
    {
        var c = new Tensor([1f, 0f]) { RequiresGrad = true };
        var a = new Tensor([1f, 2f]) { RequiresGrad = true };
        var b = Tensor.Scalar(5f);
        b.RequiresGrad = true;
        Ops.Sum(Ops.Where(c, a, b)).Backward();
        Assert.Null(c.Grad);
        Assert.Equal([1f, 0f], a.Grad!.ToArray());
        Assert.Equal(1f, b.Grad!.Item());
    }

    [Fact]
    public void Where_RejectsIncompatibleShapes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Where(Tensor.Zeros(4), Tensor.Zeros(2, 3), Tensor.Zeros(3)));
        Assert.Contains("Where", ex.Message);
        Assert.Contains("[4]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Where(Tensor.Zeros(3), Tensor.Zeros(2), Tensor.Zeros(3)));
    }
}
