using Recur.Kernels.Recurrent;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The same recurrences composed from generic differentiable ops (MatMul, Add, Mul, activations), one step at a time, so autograd
/// differentiates them without the fused backward. Slices and stacking are products with constant 0/1 selection matrices; the mask
/// rule is arithmetic: <c>o = m·o_new + (1 − m)·o_prev</c>, <c>S = m·S_new + (1 − m)·S</c>.
/// </summary>
internal static class GenericRecurrence
{
    public static RecurrentResult Run(CellKind cell, SequenceOptions o, Tensor x, Tensor kernel, Tensor rk, Tensor? bias,
        Tensor? h0, Tensor? c0, float[]? mask)
    {
        int B = x.Dim(0), T = x.Dim(1), D = x.Dim(2), H = rk.Dim(0), G = cell.Gates() * H;
        var xFlat = Ops.Reshape(x, B, T * D);
        Tensor? bIn = bias, bRec = null;
        if (cell == CellKind.GruResetAfter && bias is not null)
        {
            bIn = Ops.MatMul(new Tensor([1f, 0f], 1, 2), bias);
            bRec = Ops.MatMul(new Tensor([0f, 1f], 1, 2), bias);
        }
        var h = h0 ?? Tensor.Zeros(B, H);
        var c = c0 ?? Tensor.Zeros(B, H);
        var prevOut = Tensor.Zeros(B, H);
        Tensor? sequence = null;
        for (int step = 0; step < T; step++)
        {
            int t = o.Reverse ? T - 1 - step : step;
            var xt = Ops.MatMul(xFlat, Selection(T * D, D, t * D));
            var xin = Ops.MatMul(xt, kernel);
            if (bIn is not null) xin = xin + bIn;
            var (hNew, cNew) = Step(cell, o, xin, h, c, rk, bRec, G, H);
            Tensor output;
            if (mask is null)
            {
                output = hNew;
                (h, c) = (hNew, cNew);
            }
            else
            {
                var m = MaskColumn(mask, B, T, t);
                var keep = 1f - m;
                output = o.ZeroOutputForMask ? m * hNew : m * hNew + keep * prevOut;
                h = m * hNew + keep * h;
                c = m * cNew + keep * c;
            }
            prevOut = output;
            int row = o.KeepOrder ? t : step;
            var placed = Ops.MatMul(output, Selection(H, T * H, 0, row * H));
            sequence = sequence is null ? placed : sequence + placed;
        }
        return new RecurrentResult(Ops.Reshape(sequence!, B, T, H), prevOut, cell == CellKind.Lstm ? [h, c] : [h]);
    }

    private static (Tensor H, Tensor C) Step(CellKind cell, SequenceOptions o, Tensor xin, Tensor h, Tensor c, Tensor rk, Tensor? bRec, int G, int H)
    {
        Tensor Block(Tensor z, int j) => Ops.MatMul(z, Selection(G, H, j * H));
        Tensor A(Tensor v) => Act(o.Activation, v);
        Tensor RA(Tensor v) => Act(o.RecurrentActivation, v);
        switch (cell)
        {
            case CellKind.SimpleRnn:
                return (A(xin + Ops.MatMul(h, rk)), c);
            case CellKind.Lstm:
            {
                var z = xin + Ops.MatMul(h, rk);
                var cNew = RA(Block(z, 1)) * c + RA(Block(z, 0)) * A(Block(z, 2));
                return (RA(Block(z, 3)) * A(cNew), cNew);
            }
            case CellKind.GruResetAfter:
            {
                var rec = Ops.MatMul(h, rk);
                if (bRec is not null) rec = rec + bRec;
                var z = RA(Block(xin, 0) + Block(rec, 0));
                var r = RA(Block(xin, 1) + Block(rec, 1));
                var cand = A(Block(xin, 2) + r * Block(rec, 2));
                return (z * h + (1f - z) * cand, c);
            }
            default:
            {
                var rec = Ops.MatMul(h, rk);
                var z = RA(Block(xin, 0) + Block(rec, 0));
                var r = RA(Block(xin, 1) + Block(rec, 1));
                var cand = A(Block(xin, 2) + Ops.MatMul(r * h, Ops.MatMul(rk, Selection(G, H, 2 * H))));
                return (z * h + (1f - z) * cand, c);
            }
        }
    }

    private static Tensor Act(ActivationKind kind, Tensor v) => kind switch
    {
        ActivationKind.Tanh => Ops.Tanh(v),
        ActivationKind.Sigmoid => Ops.Sigmoid(v),
        ActivationKind.HardSigmoid => Ops.HardSigmoid(v),
        ActivationKind.Relu => Ops.Relu(v),
        _ => v,
    };

    /// <summary>A constant [rows, cols] 0/1 matrix with ones at (rowStart + i, colStart + i).</summary>
    private static Tensor Selection(int rows, int cols, int rowStart, int colStart = 0)
    {
        var s = Tensor.Zeros(rows, cols);
        for (int i = 0; rowStart + i < rows && colStart + i < cols; i++) s[rowStart + i, colStart + i] = 1f;
        return s;
    }

    private static Tensor MaskColumn(float[] mask, int B, int T, int t)
    {
        var m = Tensor.Zeros(B, 1);
        for (int b = 0; b < B; b++) m[b, 0] = mask[b * T + t] != 0f ? 1f : 0f;
        return m;
    }
}
