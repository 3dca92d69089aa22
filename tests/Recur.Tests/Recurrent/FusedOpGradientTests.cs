using Recur.Kernels.Recurrent;
using Recur.Tests.TestKit;
using static Recur.Tests.Recurrent.SequenceCase;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The fused ops' gradients (hand-written BPTT) against autograd through the generic per-step composition, and that composition
/// against finite differences.
/// </summary>
public sealed class FusedOpGradientTests
{
    public static TheoryData<CellKind> Cells => [CellKind.Lstm, CellKind.GruResetAfter, CellKind.GruResetBefore, CellKind.SimpleRnn];

    [Theory]
    [MemberData(nameof(Cells))]
    public void FusedGradients_MatchGenericComposition(CellKind cell)
    {
        int seed = 500;
        foreach (var mask in Enum.GetValues<MaskKind>())
            for (int flags = 0; flags < 16; flags++)
            {
                var o = new SequenceOptions { Reverse = (flags & 1) != 0, KeepOrder = (flags & 2) != 0, ZeroOutputForMask = (flags & 4) != 0 };
                var c = Create(cell, new SequenceShape(3, 4, 3, 5), bias: (flags & 8) == 0, initialState: flags % 3 != 0, mask, ++seed);
                // Rotate which results the loss reads so gradients also arrive at subsets of them.
                int terms = 1 + seed % 7;
                CompareGradients(c, o, outputs: (terms & 1) != 0, last: (terms & 2) != 0, states: (terms & 4) != 0, seed);
            }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void FusedGradients_MatchGenericComposition_ForEveryActivation(CellKind cell)
    {
        int seed = 900;
        foreach (var a in Enum.GetValues<ActivationKind>())
            foreach (var ra in Enum.GetValues<ActivationKind>())
            {
                if (cell == CellKind.SimpleRnn && ra != ActivationKind.Sigmoid) continue;
                var o = new SequenceOptions { Activation = a, RecurrentActivation = ra, Reverse = seed % 2 == 0 };
                var c = Create(cell, new SequenceShape(2, 4, 3, 17), bias: true, initialState: true, MaskKind.Arbitrary, ++seed, weightScale: 0.25f);
                CompareGradients(c, o, outputs: true, last: true, states: true, seed);
            }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void GenericComposition_AndFusedOp_MatchFiniteDifferences(CellKind cell)
    {
        var c = Create(cell, new SequenceShape(2, 3, 2, 2), bias: true, initialState: true, MaskKind.Arbitrary, 77);
        var o = new SequenceOptions { Reverse = true }.WithCell(cell);
        var inputs = Leaves(c);
        GradCheck.Assert(t => Generic(c, o, t).Outputs + Ops.Reshape(Generic(c, o, t).LastOutput, 2, 1, 2), inputs);
        GradCheck.Assert(t => Fused(c, o, t).Outputs + Ops.Reshape(Fused(c, o, t).States[0], 2, 1, 2), Leaves(c));
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var c = Create(CellKind.Lstm, new SequenceShape(2, 3, 2, 2), bias: true, initialState: true, MaskKind.None, 3);
        var inputs = Leaves(c);
        foreach (var t in inputs) t.RequiresGrad = true;
        using (Autograd.NoGrad())
        {
            var r = Fused(c, new SequenceOptions(), inputs);
            Assert.All(new[] { r.Outputs, r.LastOutput, r.States[0], r.States[1] }, t => Assert.True(t.IsLeaf && !t.RequiresGrad));
        }
    }

    [Fact]
    public void GradientsFromEveryResult_RunTheFusedBackwardOnce_AndAddUp()
    {
        var c = Create(CellKind.Lstm, new SequenceShape(2, 3, 2, 2), bias: true, initialState: true, MaskKind.RightPadded, 4);
        var o = new SequenceOptions();
        var together = Leaves(c);
        var r = Fused(c, o, together);
        Ops.Sum(Ops.Sum(r.Outputs) + Ops.Sum(r.LastOutput) + Ops.Sum(r.States[1])).Backward();
        var apart = Leaves(c);
        Ops.Sum(Fused(c, o, apart).Outputs).Backward();
        Ops.Sum(Fused(c, o, apart).LastOutput).Backward();
        Ops.Sum(Fused(c, o, apart).States[1]).Backward();
        for (int i = 0; i < together.Length; i++)
            AssertClose(apart[i].Grad!.ToArray(), together[i].Grad!.ToArray(), $"input {i}");
    }

    private static void CompareGradients(SequenceCase c, SequenceOptions o, bool outputs, bool last, bool states, int seed)
    {
        o = o.WithCell(c.Cell);
        var fused = Leaves(c);
        var generic = Leaves(c);
        Loss(Fused(c, o, fused), c, outputs, last, states, seed).Backward();
        Loss(Generic(c, o, generic), c, outputs, last, states, seed).Backward();
        string where = $"{c.Cell} {o} mask={c.Mask is not null} terms=({outputs},{last},{states})";
        for (int i = 0; i < fused.Length; i++)
            AssertClose(generic[i].Grad?.ToArray() ?? new float[generic[i].Size], fused[i].Grad?.ToArray() ?? new float[fused[i].Size], $"input {i} {where}");
    }

    /// <summary>Σ outputs ⊙ r1 + Σ lastOutput ⊙ r2 + Σ states ⊙ r3, with the chosen terms.</summary>
    private static Tensor Loss(RecurrentResult r, SequenceCase c, bool outputs, bool last, bool states, int seed)
    {
        var loss = Tensor.Scalar(0f);
        if (outputs) loss = loss + Ops.Sum(r.Outputs * GradCheck.Random(r.Outputs.Shape, seed + 1));
        if (last) loss = loss + Ops.Sum(r.LastOutput * GradCheck.Random(r.LastOutput.Shape, seed + 2));
        if (states)
            for (int k = 0; k < r.States.Length; k++) loss = loss + Ops.Sum(r.States[k] * GradCheck.Random(r.States[k].Shape, seed + 3 + k));
        return loss;
    }

    /// <summary>Fresh leaves requiring gradients: x, kernel, recurrent kernel, then bias, h0, c0 where the case has them.</summary>
    private static Tensor[] Leaves(SequenceCase c)
    {
        var s = c.Shape;
        int G = c.Cell.Gates() * s.Units;
        var list = new List<Tensor>
        {
            new((float[])c.X.Clone(), s.Batch, s.Time, s.InputSize),
            new((float[])c.Kernel.Clone(), s.InputSize, G),
            new((float[])c.RecurrentKernel.Clone(), s.Units, G),
        };
        if (c.Bias is not null) list.Add(c.Cell == CellKind.GruResetAfter ? new((float[])c.Bias.Clone(), 2, G) : new((float[])c.Bias.Clone(), G));
        if (c.H0 is not null) list.Add(new((float[])c.H0.Clone(), s.Batch, s.Units));
        if (c.C0 is not null) list.Add(new((float[])c.C0.Clone(), s.Batch, s.Units));
        foreach (var t in list) t.RequiresGrad = true;
        return [.. list];
    }

    private static (Tensor? Bias, Tensor? H0, Tensor? C0) Optional(SequenceCase c, Tensor[] t)
    {
        int i = 3;
        var bias = c.Bias is not null ? t[i++] : null;
        var h0 = c.H0 is not null ? t[i++] : null;
        var c0 = c.C0 is not null ? t[i] : null;
        return (bias, h0, c0);
    }

    private static RecurrentResult Fused(SequenceCase c, SequenceOptions o, Tensor[] t)
    {
        var (bias, h0, c0) = Optional(c, t);
        var mask = c.Mask is null ? null : new Tensor(c.Mask, c.Shape.Batch, c.Shape.Time);
        o = o.WithCell(c.Cell);
        return c.Cell switch
        {
            CellKind.Lstm => Ops.LstmSequence(t[0], t[1], t[2], bias, h0, c0, mask, o),
            CellKind.SimpleRnn => Ops.SimpleRnnSequence(t[0], t[1], t[2], bias, h0, mask, o),
            _ => Ops.GruSequence(t[0], t[1], t[2], bias, h0, mask, o),
        };
    }

    private static RecurrentResult Generic(SequenceCase c, SequenceOptions o, Tensor[] t)
    {
        var (bias, h0, c0) = Optional(c, t);
        return GenericRecurrence.Run(c.Cell, o, t[0], t[1], t[2], bias, h0, c0, c.Mask);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > 1e-4f + 1e-4f * Math.Abs(expected[i]))
                Assert.Fail($"{what}, element {i}: generic {expected[i]}, fused {actual[i]}");
    }
}
