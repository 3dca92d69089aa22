using Recur.Tests.TestKit;

namespace Recur.Tests.Tensors;

public sealed class ShapeOpTests
{
    // ---- Transpose ----

    public static TheoryData<int[], int[]> TransposeCases => new()
    {
        { new[] { 2, 3, 4 }, new[] { 2, 0, 1 } },
        { new[] { 2, 3, 4 }, new[] { 1, 0, 2 } },
        { new[] { 2, 3, 4 }, new[] { -1, 0, -2 } },
        { new[] { 2, 3, 4 }, new int[0] },
        { new[] { 1, 3, 1 }, new[] { 2, 1, 0 } },
        { new[] { 3, 4 }, new int[0] },
        { new[] { 2, 1, 3, 2 }, new[] { 3, 1, 0, 2 } },
    };

    [Theory, MemberData(nameof(TransposeCases))]
    public void Transpose_MatchesFiniteDifferences(int[] shape, int[] perm) =>
        GradCheck.Assert(t => Ops.Transpose(t[0], perm), [GradCheck.Random(shape, 31)]);

    [Theory, MemberData(nameof(TransposeCases))]
    public void Transpose_MovesEveryElement(int[] shape, int[] perm)
    {
        var x = GradCheck.Random(shape, 32);
        var y = Ops.Transpose(x, perm);
        int rank = shape.Length;
        var p = perm.Length == 0 ? Enumerable.Range(0, rank).Reverse().ToArray() : perm.Select(a => a < 0 ? a + rank : a).ToArray();
        Assert.Equal(p.Select(a => shape[a]).ToArray(), y.Shape);
        var idx = new int[rank];
        for (int flat = 0; flat < x.Size; flat++)
        {
            int rest = flat;
            for (int k = rank - 1; k >= 0; k--) { idx[k] = rest % shape[k]; rest /= shape[k]; }
            Assert.Equal(x[idx], y[p.Select(a => idx[a]).ToArray()]);
        }
    }

    [Fact]
    public void Transpose_MatrixAndInstanceMethod()
    {
        var x = new Tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], Ops.Transpose(x).ToArray());
        Assert.Equal([3, 2], x.Transpose().Shape);
        Assert.Equal([3, 2], x.Reshape(3, 2).Shape);
        Assert.Equal([0, 2], Ops.Transpose(Tensor.Zeros(2, 0)).Shape);
    }

    [Fact]
    public void Transpose_RejectsNonPermutations()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Transpose(Tensor.Zeros(2, 3, 4), 0, 0, 1));
        Assert.Contains("Transpose", ex.Message);
        Assert.Contains("[2, 3, 4]", ex.Message);
        Assert.Contains("[0, 0, 1]", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Transpose(Tensor.Zeros(2, 3), 1));
        Assert.ThrowsAny<ArgumentException>(() => Ops.Transpose(Tensor.Zeros(2, 3), 1, 2));
    }

    // ---- Slice / Split ----

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(-1, 0, 4)]
    [InlineData(0, 1, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(1, 2, 0)]
    public void Slice_MatchesFiniteDifferences(int axis, int start, int length) =>
        GradCheck.Assert(t => Ops.Slice(t[0], axis, start, length), [GradCheck.Random([2, 4, 5], 33)]);

    [Fact]
    public void Slice_CopiesTheRange()
    {
        var x = new Tensor(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 3, 4);
        var y = Ops.Slice(x, 1, 1, 2);
        Assert.Equal([1f, 2f, 5f, 6f, 9f, 10f], y.ToArray());
        x[0, 1] = 100f;
        Assert.Equal(1f, y[0, 0]);
        Assert.Equal([4f, 5f, 6f, 7f], Ops.Slice(x, 0, 1, 1).ToArray());
    }

    [Fact]
    public void Slice_RejectsOutOfRange()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Slice(Tensor.Zeros(2, 5), 1, 3, 4));
        Assert.Contains("Slice", ex.Message);
        Assert.Contains("start + length <= 5", ex.Message);
        Assert.Contains("start 3, length 4", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Slice(Tensor.Zeros(2, 5), 1, -1, 1));
        Assert.ThrowsAny<ArgumentException>(() => Ops.Slice(Tensor.Zeros(2, 5), 2, 0, 1));
    }

    [Fact]
    public void Split_PartsAreDifferentiable()
    {
        GradCheck.Assert(t => { var p = Ops.Split(t[0], 1, [1, 3, 2]); return Ops.Concat([p[2], p[0] * p[0], p[1]], 1); },
            [GradCheck.Random([2, 6, 3], 34)]);
        GradCheck.Assert(t => { var p = Ops.Split(t[0], -1, 2); return p[0] * p[1]; }, [GradCheck.Random([3, 4], 35)]);
        GradCheck.Assert(t => Ops.Split(t[0], 0, 4)[3], [GradCheck.Random([4, 2], 36)]);
    }

    [Fact]
    public void Split_ValuesAndShapes()
    {
        var x = new Tensor(Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), 2, 4);
        var halves = Ops.Split(x, 1, 2);
        Assert.Equal([0f, 1f, 4f, 5f], halves[0].ToArray());
        Assert.Equal([2f, 3f, 6f, 7f], halves[1].ToArray());
        var parts = Ops.Split(x, -1, [3, 0, 1]);
        Assert.Equal([[2, 3], [2, 0], [2, 1]], parts.Select(p => p.Shape));
    }

    [Fact]
    public void Split_RejectsBadPartsAndSizes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Split(Tensor.Zeros(2, 6), 1, 4));
        Assert.Contains("Split", ex.Message);
        Assert.Contains("4 parts for size 6", ex.Message);
        var sz = Assert.ThrowsAny<ArgumentException>(() => Ops.Split(Tensor.Zeros(2, 6), 1, [2, 3]));
        Assert.Contains("summing to 6", sz.Message);
        Assert.Contains("[2, 3]", sz.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Split(Tensor.Zeros(2, 6), 1, [7, -1]));
        Assert.ThrowsAny<ArgumentException>(() => Ops.Split(Tensor.Zeros(2, 6), 1, 0));
    }

    // ---- Concat / Stack ----

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_MatchesFiniteDifferences(int axis)
    {
        int[] Shape(int n) { var s = new[] { 2, 3, 2 }; s[axis < 0 ? axis + 3 : axis] = n; return s; }
        GradCheck.Assert(t => Ops.Concat(t, axis), [GradCheck.Random(Shape(1), 1), GradCheck.Random(Shape(3), 2), GradCheck.Random(Shape(2), 3)]);
    }

    [Fact]
    public void Concat_JoinsValues()
    {
        var a = new Tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = new Tensor(new float[,] { { 5 }, { 6 } });
        Assert.Equal([1f, 2f, 5f, 3f, 4f, 6f], Ops.Concat([a, b], 1).ToArray());
        Assert.Equal([1f, 2f, 3f, 4f, 1f, 2f, 3f, 4f], Ops.Concat([a, a], 0).ToArray());
        Assert.Equal([2, 3], Ops.Concat([a, Tensor.Zeros(2, 0), b], -1).Shape);
    }

    [Fact]
    public void Concat_RejectsMismatchedShapes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            Ops.Concat([Tensor.Zeros(2, 1, 4), Tensor.Zeros(2, 2, 4), Tensor.Zeros(2, 3, 5)], 1));
        Assert.Equal("Concat: expected every tensor to have shape [2, *, 4] except on axis 1; received [2, 3, 5] at position 2.", ex.Message);
        var rank = Assert.ThrowsAny<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3, 1)], 0));
        Assert.Contains("[2, 3, 1] at position 1", rank.Message);
        var none = Assert.ThrowsAny<ArgumentException>(() => Ops.Concat([], 0));
        Assert.Contains("Concat: expected at least one tensor", none.Message);
        Assert.ThrowsAny<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3)], 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(-3)]
    public void Stack_MatchesFiniteDifferences(int axis) =>
        GradCheck.Assert(t => Ops.Stack(t, axis), [GradCheck.Random([2, 3], 4), GradCheck.Random([2, 3], 5), GradCheck.Random([2, 3], 6)]);

    [Fact]
    public void Stack_InsertsANewAxis()
    {
        var a = new Tensor([1f, 2f]);
        var b = new Tensor([3f, 4f]);
        var s0 = Ops.Stack([a, b], 0);
        Assert.Equal([2, 2], s0.Shape);
        Assert.Equal([1f, 2f, 3f, 4f], s0.ToArray());
        Assert.Equal([1f, 3f, 2f, 4f], Ops.Stack([a, b], -1).ToArray());
        Assert.Equal([3], Ops.Stack([Tensor.Scalar(1f), Tensor.Scalar(2f), Tensor.Scalar(3f)], 0).Shape);
    }

    [Fact]
    public void Stack_RejectsMismatchedShapesAndAxes()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Stack([Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)], 0));
        Assert.Equal("Stack: expected every tensor to have shape [2, 3]; received [2, 4] at position 1.", ex.Message);
        var axis = Assert.ThrowsAny<ArgumentException>(() => Ops.Stack([Tensor.Zeros(2, 3)], 3));
        Assert.Contains("Stack", axis.Message);
        var rank = Assert.ThrowsAny<ArgumentException>(() => Ops.Stack([Tensor.Zeros(1, 1, 1, 1, 1, 1)], 0));
        Assert.Contains("rank must be at most 6", rank.Message);
    }

    // ---- Reverse / Squeeze / ExpandDims ----

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Reverse_MatchesFiniteDifferences(int axis) =>
        GradCheck.Assert(t => Ops.Reverse(t[0], axis), [GradCheck.Random([2, 3, 4], 37)]);

    [Fact]
    public void Reverse_ReversesOneAxis()
    {
        var x = new Tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([3f, 2f, 1f, 6f, 5f, 4f], Ops.Reverse(x, -1).ToArray());
        Assert.Equal([4f, 5f, 6f, 1f, 2f, 3f], Ops.Reverse(x, 0).ToArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], Ops.Reverse(Ops.Reverse(x, 1), 1).ToArray());
        Assert.Equal([0, 3], Ops.Reverse(Tensor.Zeros(0, 3), 1).Shape);
    }

    [Fact]
    public void SqueezeAndExpandDims_ReshapeAroundSizeOneAxes()
    {
        var x = GradCheck.Random([2, 1, 3], 38);
        Assert.Equal([2, 3], Ops.Squeeze(x, 1).Shape);
        Assert.Equal([2, 3], Ops.Squeeze(x, -2).Shape);
        Assert.Equal([1, 2, 1, 3], Ops.ExpandDims(x, 0).Shape);
        Assert.Equal([2, 1, 3, 1], Ops.ExpandDims(x, -1).Shape);
        GradCheck.Assert(t => Ops.ExpandDims(Ops.Squeeze(t[0], 1), 2), [x]);
        var ex = Assert.ThrowsAny<ArgumentException>(() => Ops.Squeeze(x, 0));
        Assert.Contains("Squeeze", ex.Message);
        Assert.Contains("size 1", ex.Message);
        Assert.Contains("received size 2", ex.Message);
    }
}
