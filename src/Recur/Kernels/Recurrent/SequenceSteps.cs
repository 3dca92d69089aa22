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

    public static bool IsValid(ReadOnlySpan<float> mask, in SequenceShape s, int b, int t) => mask.IsEmpty || mask[b * s.Time + t] != 0f;

    /// <summary>For each sample, the first processed step that is valid (<c>T</c> when none is).</summary>
    public static void FirstValidSteps(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> mask, Span<int> first)
    {
        for (int b = 0; b < s.Batch; b++)
        {
            int step = 0;
            while (step < s.Time && !IsValid(mask, s, b, InputTime(s, o, step))) step++;
            first[b] = step;
        }
    }

    /// <summary>True when step <paramref name="step"/> emits the carried <c>h</c> (false: it emits zeros).</summary>
    public static bool EmitsState(bool valid, in SequenceOptions o, int firstValid, int step) =>
        valid || (!o.ZeroOutputForMask && firstValid <= step);

    /// <summary>Offset of sample <paramref name="b"/>'s output for processed step <paramref name="step"/>.</summary>
    public static int OutputIndex(in SequenceShape s, in SequenceOptions o, int b, int step)
    {
        int stride = o.TimeStride(s.Units);
        int row = o.KeepOrder ? InputTime(s, o, step) : step;
        return (b * s.Time + row) * stride + o.OutputOffset;
    }

    /// <summary>Writes step <paramref name="step"/>'s outputs from the carried <paramref name="h"/> [B, H] (after the state update).</summary>
    public static void Emit(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> mask, ReadOnlySpan<int> first, int step,
        ReadOnlySpan<float> h, Span<float> outputs)
    {
        if (outputs.IsEmpty) return;
        int t = InputTime(s, o, step), H = s.Units;
        for (int b = 0; b < s.Batch; b++)
        {
            var dst = outputs.Slice(OutputIndex(s, o, b, step), H);
            if (EmitsState(IsValid(mask, s, b, t), o, first[b], step)) h.Slice(b * H, H).CopyTo(dst);
            else dst.Clear();
        }
    }

    /// <summary>The output of the last processed step (Keras <c>return_sequences=False</c>) into <paramref name="lastOutput"/> [B, H].</summary>
    public static void EmitLast(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> mask, ReadOnlySpan<int> first,
        ReadOnlySpan<float> h, Span<float> lastOutput)
    {
        if (lastOutput.IsEmpty) return;
        int H = s.Units, step = s.Time - 1;
        for (int b = 0; b < s.Batch; b++)
        {
            var dst = lastOutput.Slice(b * H, H);
            if (step >= 0 && EmitsState(IsValid(mask, s, b, InputTime(s, o, step)), o, first[b], step)) h.Slice(b * H, H).CopyTo(dst);
            else dst.Clear();
        }
    }

    /// <summary>Adds the gradients of step <paramref name="step"/>'s output (and of the last output at the last step) into the carried <paramref name="dh"/>.</summary>
    public static void AddOutputGradients(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> mask, ReadOnlySpan<int> first, int step,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, Span<float> dh)
    {
        bool last = step == s.Time - 1 && !dLastOutput.IsEmpty;
        if (dOutputs.IsEmpty && !last) return;
        int t = InputTime(s, o, step), H = s.Units;
        for (int b = 0; b < s.Batch; b++)
        {
            if (!EmitsState(IsValid(mask, s, b, t), o, first[b], step)) continue;
            var row = dh.Slice(b * H, H);
            if (!dOutputs.IsEmpty) TensorPrimitives.Add(row, dOutputs.Slice(OutputIndex(s, o, b, step), H), row);
            if (last) TensorPrimitives.Add(row, dLastOutput.Slice(b * H, H), row);
        }
    }

    /// <summary>
    /// The reverse sweep every backward shares: from <paramref name="dhT"/>, step by step in reverse processing order, adds each
    /// step's output gradients, passes held (masked) rows straight through and lets <paramref name="cell"/> handle valid rows and the
    /// recurrent GEMM; finally accumulates dh_0 into <paramref name="dh0"/>. <paramref name="dh"/>, <paramref name="dhPrev"/> [B, H]
    /// and <paramref name="first"/> [B] are scratch.
    /// </summary>
    public static void BackwardSweep<TCell>(ref TCell cell, in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, ReadOnlySpan<float> dhT, Span<float> dh0,
        Span<float> dh, Span<float> dhPrev, Span<int> first)
        where TCell : IStepBackward, allows ref struct
    {
        int H = s.Units;
        InitState(dhT, dh);
        FirstValidSteps(s, o, mask, first);
        for (int step = s.Time - 1; step >= 0; step--)
        {
            int t = InputTime(s, o, step);
            AddOutputGradients(s, o, mask, first, step, dOutputs, dLastOutput, dh);
            for (int b = 0; b < s.Batch; b++)
            {
                Span<float> dhb = dh.Slice(b * H, H), dhp = dhPrev.Slice(b * H, H);
                if (IsValid(mask, s, b, t)) cell.Row(b, b * s.Time + t, dhb, dhp);
                else dhb.CopyTo(dhp); // held state: the gradient passes straight through
            }
            if (H > 0) cell.Recurrent(t, dhPrev);
            var swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
        AccumulateInto(dh0, dh);
    }

    /// <summary><c>dst = src</c>, or zeros when no initial state was given.</summary>
    public static void InitState(ReadOnlySpan<float> src, Span<float> dst)
    {
        if (src.IsEmpty) dst.Clear();
        else src.CopyTo(dst);
    }

    /// <summary><c>dst += src</c> when a destination was given.</summary>
    public static void AccumulateInto(Span<float> dst, ReadOnlySpan<float> src)
    {
        if (!dst.IsEmpty) TensorPrimitives.Add(dst, src, dst);
    }

    /// <summary>Copies the carried state [B, H] into the cached [B, T, H] slot of input time <paramref name="t"/>.</summary>
    public static void StoreRows(in SequenceShape s, int t, ReadOnlySpan<float> state, Span<float> stacked)
    {
        int H = s.Units;
        for (int b = 0; b < s.Batch; b++) state.Slice(b * H, H).CopyTo(stacked.Slice((b * s.Time + t) * H, H));
    }

    /// <summary>The hoisted input projection of every step: <c>dst[B·T, G·H] = x[B·T, D] · kernel + bias</c>, one GEMM.</summary>
    public static void ProjectInputs(in SequenceShape s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
        int width, Span<float> dst, int maxThreads)
    {
        int rows = s.Rows;
        var proj = dst[..(rows * width)];
        if (bias.IsEmpty) proj.Clear();
        else for (int r = 0; r < rows; r++) bias.CopyTo(proj.Slice(r * width, width));
        if (s.InputSize > 0)
            Gemm.Sgemm(false, false, rows, width, s.InputSize, 1f, x, s.InputSize, kernel, width, 1f, proj, width, maxThreads);
    }

    /// <summary>
    /// Input-side gradients from the stacked pre-activation gradients <paramref name="dGates"/> [B·T, G·H], each accumulated:
    /// <c>dKernel += xᵀ·dGates</c>, <c>dx += dGates·kernelᵀ</c> (one GEMM each), <c>dBias += Σ rows</c>.
    /// </summary>
    public static void InputGradients(in SequenceShape s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dGates,
        int width, Span<float> dx, Span<float> dKernel, Span<float> dBias, int maxThreads)
    {
        int rows = s.Rows, D = s.InputSize;
        if (rows == 0) return;
        if (!dKernel.IsEmpty && D > 0) Gemm.Sgemm(true, false, D, width, rows, 1f, x, D, dGates, width, 1f, dKernel, width, maxThreads);
        if (!dx.IsEmpty && D > 0) Gemm.Sgemm(false, true, rows, D, width, 1f, dGates, width, kernel, width, 1f, dx, D, maxThreads);
        if (!dBias.IsEmpty) AddColumnSums(dGates, rows, width, dBias);
    }

    /// <summary><c>dst[n] += Σ_r src[r, n]</c>.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> src, int rows, int width, Span<float> dst)
    {
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(dst, src.Slice(r * width, width), dst);
    }
}
