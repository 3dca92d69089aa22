using Recur.Layers;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>tf.keras constants: passed unchanged to every step of both directions; cells without them reject them.</summary>
public sealed class ConstantsTests
{
    /// <summary>h' = h + x·1 + c (c a constant [B, 1]); one state of size 1.</summary>
    private sealed class ShiftCell() : RnnCell("shift_cell")
    {
        public override string KerasClassName => "ShiftCell";
        public override IReadOnlyList<int> StateSize => [1];
        public override bool TakesConstants => true;

        public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training) =>
            throw new InvalidOperationException("ShiftCell needs its constant.");

        public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states,
            IReadOnlyList<Tensor> constants, bool training)
        {
            var h = states[0] + Ops.Sum(input, -1, keepDims: true) + constants[0];
            return (h, [h]);
        }
    }

    [Fact]
    public void Bidirectional_PassesTheSameConstantsToBothDirections()
    {
        using var _ = NameScope.Fresh();
        KerasRegistry.RegisterLayer("ShiftCell", _ => new ShiftCell());
        var bi = new Bidirectional(new Rnn(new ShiftCell(), returnSequences: true));
        var x = new Tensor([1f, 2f, 3f, 10f, 20f, 30f], 2, 3, 1);
        var c = new Tensor([0.5f, -1f], 2, 1);
        var y = bi.Invoke([x], new CallOptions { Constants = [c] })[0];

        // Forward: running sums of x + c; backward: running sums from the end, aligned to input time.
        float[] expected =
        [
            1.5f, 7.5f, 4f, 6f, 7.5f, 3.5f,
            9f, 57f, 28f, 48f, 57f, 29f,
        ];
        Assert.Equal(expected, y.ToArray());
    }

    [Fact]
    public void CellWithoutConstants_RejectsThem_NamingLayerAndCell()
    {
        var lstm = new Lstm(2, name: "enc");
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            lstm.Invoke([Tensor.Ones(1, 3, 2)], new CallOptions { Constants = [Tensor.Ones(1, 2)] }));
        Assert.Contains("'enc'", ex.Message);
        Assert.Contains("constants", ex.Message);
        Assert.Contains("lstm_cell", ex.Message);
    }
}
