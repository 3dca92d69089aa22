using System.Numerics.Tensors;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// What the three fused kernels share: step order, the Keras mask rule (spec §2.5), the output layout,
/// the hoisted input projection and the input-side weight gradients.
/// </summary>
/// <remarks>
/// Mask rule. A masked step holds every state. For the built-in cells the output is the new <c>h</c>, so the
/// "previous emitted output" a masked step repeats is the held <c>h</c> once the sample has had a valid step, and
/// zeros before that. Hence a step emits the carried <c>h</c> exactly when <see cref="EmitsState"/> is true and
/// zeros otherwise; in backward the output gradient flows into the carried <c>h</c> under the same predicate.
/// </remarks>
internal static class SequenceSteps
{
    /// <summary>Input time index of processed step <paramref name="step"/>.</summary>
    public static int InputTime(in SequenceShape s, in SequenceOptions o, int step) => o.Reverse ? s.Time - 1 - step : step;

    /// <summary>For each slot, the first processed step that is valid (<c>T</c> when none is).</summary>
    public static void FirstValidSteps(in SequenceShape s, in SequenceOptions o, in SequenceRows rows, Span<int> first)
    {
        for (int j = 0; j < s.Batch; j++)
        {
            int step = 0;
            while (step < s.Time && !rows.IsValid(j, InputTime(s, o, step))) step++;
            first[j] = step;
        }
    }

    /// <summary>True when step <paramref name="step"/> emits the carried <c>h</c> (false: it emits zeros).</summary>
    public static bool EmitsState(bool valid, in SequenceOptions o, int firstValid, int step) =>
        valid || (!o.ZeroOutputForMask && firstValid <= step);

    /// <summary>Offset of batch row <paramref name="b"/>'s output for processed step <paramref name="step"/>.</summary>
    public static int OutputIndex(in SequenceShape s, in SequenceOptions o, int b, int step)
    {
        int stride = o.TimeStride(s.Units);
        int row = o.KeepOrder ? InputTime(s, o, step) : step;
        return (b * s.Time + row) * stride + o.OutputOffset;
    }

    /// <summary>Writes step <paramref name="step"/>'s outputs from the carried <paramref name="h"/> [B, H] (slot order, after the state update).</summary>
    public static void Emit(in SequenceShape s, in SequenceOptions o, in SequenceRows rows, ReadOnlySpan<int> first, int step,
        ReadOnlySpan<float> h, Span<float> outputs)
    {
        if (outputs.IsEmpty) return;
        int t = InputTime(s, o, step), H = s.Units;
        for (int j = 0; j < s.Batch; j++)
        {
            var dst = outputs.Slice(OutputIndex(s, o, rows.BatchOf(j), step), H);
            if (EmitsState(rows.IsValid(j, t), o, first[j], step)) h.Slice(j * H, H).CopyTo(dst);
            else dst.Clear();
        }
    }

    /// <summary>The output of the last processed step (Keras <c>return_sequences=False</c>) into <paramref name="lastOutput"/> [B, H].</summary>
    public static void EmitLast(in SequenceShape s, in SequenceOptions o, in SequenceRows rows, ReadOnlySpan<int> first,
        ReadOnlySpan<float> h, Span<float> lastOutput)
    {
        if (lastOutput.IsEmpty) return;
        int H = s.Units, step = s.Time - 1;
        for (int j = 0; j < s.Batch; j++)
        {
            var dst = lastOutput.Slice(rows.BatchOf(j) * H, H);
            if (step >= 0 && EmitsState(rows.IsValid(j, InputTime(s, o, step)), o, first[j], step)) h.Slice(j * H, H).CopyTo(dst);
            else dst.Clear();
        }
    }

    /// <summary>Adds the gradients of step <paramref name="step"/>'s output (and of the last output at the last step) into the carried <paramref name="dh"/>.</summary>
    public static void AddOutputGradients(in SequenceShape s, in SequenceOptions o, in SequenceRows rows, ReadOnlySpan<int> first, int step,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, Span<float> dh)
    {
        bool last = step == s.Time - 1 && !dLastOutput.IsEmpty;
        if (dOutputs.IsEmpty && !last) return;
        int t = InputTime(s, o, step), H = s.Units;
        for (int j = 0; j < s.Batch; j++)
        {
            if (!EmitsState(rows.IsValid(j, t), o, first[j], step)) continue;
            int b = rows.BatchOf(j);
            var row = dh.Slice(j * H, H);
            if (!dOutputs.IsEmpty) TensorPrimitives.Add(row, dOutputs.Slice(OutputIndex(s, o, b, step), H), row);
            if (last) TensorPrimitives.Add(row, dLastOutput.Slice(b * H, H), row);
        }
    }

    /// <summary>
    /// The reverse sweep every backward shares: from <paramref name="dhT"/>, step by step in reverse processing order, adds each
    /// step's output gradients, passes held (masked) slots straight through and lets <paramref name="cell"/> handle valid slots and the
    /// recurrent GEMM; finally accumulates dh_0 into <paramref name="dh0"/>. <paramref name="dh"/>, <paramref name="dhPrev"/> [B, H]
    /// and <paramref name="first"/> [B] are scratch.
    /// </summary>
    public static void BackwardSweep<TCell>(ref TCell cell, in SequenceShape s, in SequenceOptions o, in SequenceRows rows,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, ReadOnlySpan<float> dhT, Span<float> dh0,
        Span<float> dh, Span<float> dhPrev, Span<int> first)
        where TCell : IStepBackward, allows ref struct
    {
        int H = s.Units;
        rows.Gather(dhT, dh, H);
        FirstValidSteps(s, o, rows, first);
        for (int step = s.Time - 1; step >= 0; step--)
        {
            int t = InputTime(s, o, step);
            AddOutputGradients(s, o, rows, first, step, dOutputs, dLastOutput, dh);
            // Packed, the valid slots are the first Count(t) and the rest are all held: one block copy for those.
            int live = rows.Packed ? rows.Count(t) : s.Batch;
            for (int j = 0; j < live; j++)
            {
                Span<float> dhj = dh.Slice(j * H, H), dhp = dhPrev.Slice(j * H, H);
                if (rows.IsValid(j, t)) cell.Row(j, rows.Row(j, t), dhj, dhp);
                else dhj.CopyTo(dhp); // held state: the gradient passes straight through
            }
            dh[(live * H)..(s.Batch * H)].CopyTo(dhPrev[(live * H)..]);
            if (H > 0 && rows.Count(t) > 0) cell.Recurrent(rows, t, dhPrev);
            var swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
        rows.AccumulateInto(dh0, dh, H);
    }

    /// <summary>Copies the carried state [B, H] (slot order) into the stacked rows of input time <paramref name="t"/>.</summary>
    public static void StoreRows(in SequenceShape s, in SequenceRows rows, int t, ReadOnlySpan<float> state, Span<float> stacked)
    {
        int H = s.Units;
        for (int j = 0, n = rows.Count(t); j < n; j++) state.Slice(j * H, H).CopyTo(stacked.Slice(rows.Row(j, t) * H, H));
    }

    /// <summary>Floats of scratch <see cref="InputGradients"/> needs: the packed copy of <c>dx</c>.</summary>
    public static int InputScratchSize(in SequenceShape s, in SequenceRows rows) => rows.Packed ? rows.Rows * s.InputSize : 0;

    /// <summary>
    /// The hoisted input projection of every valid step: <c>dst[rows, G·H] = x · kernel + bias</c>, one GEMM (the packed layout
    /// reads its valid rows of <c>x</c> in place, <see cref="SequenceRows.SourceRows"/>).
    /// </summary>
    public static void ProjectInputs(in SequenceShape s, in SequenceRows rows, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> bias, int width, Span<float> dst, int maxThreads)
    {
        int n = rows.Rows, D = s.InputSize;
        var proj = dst[..(n * width)];
        if (bias.IsEmpty) proj.Clear();
        else for (int r = 0; r < n; r++) bias.CopyTo(proj.Slice(r * width, width));
        if (D == 0 || n == 0) return;
        if (rows.Packed) Gemm.SgemmRows(false, n, width, D, 1f, x, D, rows.SourceRows, kernel, width, 1f, proj, width, maxThreads);
        else Gemm.Sgemm(false, false, n, width, D, 1f, x, D, kernel, width, 1f, proj, width, maxThreads);
    }

    /// <summary>
    /// Input-side gradients from the stacked pre-activation gradients <paramref name="dGates"/> [rows, G·H], each accumulated:
    /// <c>dKernel += xᵀ·dGates</c>, <c>dx += dGates·kernelᵀ</c> (one GEMM each), <c>dBias += Σ rows</c>. The packed layout runs
    /// them on its valid rows only (dKernel reads them in place; dx is gathered into <paramref name="scratch"/>,
    /// <see cref="InputScratchSize"/> floats): dx and dBias
    /// equal the general layout's bit for bit; dKernel sums fewer rows in another order (its masked rows add zeros), so it
    /// agrees to rounding (~1e-6 relative).
    /// </summary>
    public static void InputGradients(in SequenceShape s, in SequenceRows rows, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> dGates, int width, Span<float> dx, Span<float> dKernel, Span<float> dBias, Span<float> scratch, int maxThreads)
    {
        int n = rows.Rows, D = s.InputSize;
        if (n == 0) return;
        if (!dBias.IsEmpty) rows.AddColumnSums(dGates, width, dBias);
        if (D == 0) return;
        if (!rows.Packed)
        {
            if (!dKernel.IsEmpty) Gemm.Sgemm(true, false, D, width, n, 1f, x, D, dGates, width, 1f, dKernel, width, maxThreads);
            if (!dx.IsEmpty) Gemm.Sgemm(false, true, n, D, width, 1f, dGates, width, kernel, width, 1f, dx, D, maxThreads);
            return;
        }
        if (!dKernel.IsEmpty) Gemm.SgemmRows(true, D, width, n, 1f, x, D, rows.SourceRows, dGates, width, 1f, dKernel, width, maxThreads);
        if (!dx.IsEmpty)
        {
            // Gathered, accumulated and put back: each row sees exactly the general layout's arithmetic.
            var packed = scratch[..(n * D)];
            rows.GatherSteps(dx, packed, D);
            Gemm.Sgemm(false, true, n, D, width, 1f, dGates, width, kernel, width, 1f, packed, D, maxThreads);
            rows.ScatterSteps(packed, dx, D);
        }
    }
}
