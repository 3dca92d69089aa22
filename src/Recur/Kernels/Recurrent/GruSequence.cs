using System.Numerics.Tensors;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// Keras GRU over a whole sequence (spec §3.3, both <c>reset_after</c> variants; mask rule §2.5): forward and BPTT backward.
/// </summary>
/// <remarks>
/// <para>Shapes (Keras layouts): <c>x [B, T, D]</c>, <c>kernel [D, 3H]</c>, <c>recurrentKernel [H, 3H]</c> with column blocks
/// <c>z, r, h̃</c>; <c>bias [2, 3H]</c> (row 0 input side, row 1 recurrent side) when
/// <see cref="SequenceOptions.ResetAfter"/>, else <c>[3H]</c>; empty = no bias. <c>h0, hT, lastOutput [B, H]</c>,
/// <c>mask [B, T]</c>, <c>outputs</c> as <see cref="SequenceOptions"/> lays them out.</para>
/// <para>Rows: one per (sample, step) as <see cref="SequenceRows"/> lays them out (<c>B·T</c>, or the <c>Σ len</c> valid ones of a
/// right-padded mask).</para>
/// <para>Forward: one GEMM for every step's input projection <c>[rows, 3H]</c>. reset_after: one recurrent GEMM per step into
/// a <c>[B, 3H]</c> scratch (the candidate needs <c>r ⊙ (h·R_h + b_h)</c> apart). reset_before: per step one GEMM adds
/// <c>h·R_zr</c> into the z, r columns, then one adds <c>(r ⊙ h)·R_h</c> into the candidate columns.</para>
/// <para>Cache (<see cref="CacheSize"/>, by row): activated gates <c>z, r, h̃ [rows, 3H]</c>, <c>h_{t−1} [rows, H]</c>,
/// and <c>[rows, H]</c> of <c>h·R_h + b_h</c> (reset_after) or of <c>r ⊙ h_{t−1}</c> (reset_before; zero on masked rows).</para>
/// <para>Backward accumulates (+=) into every non-empty gradient span.</para>
/// </remarks>
public static class GruSequence
{
    private const int Gates = 3;

    /// <summary>Floats the training cache needs.</summary>
    public static int CacheSize(in SequenceShape shape) => shape.Rows * shape.Units * (Gates + 2);

    /// <summary>Elements of the bias for these options: <c>6H</c> (reset_after) or <c>3H</c>.</summary>
    public static int BiasSize(in SequenceShape shape, in SequenceOptions options) => (options.ResetAfter ? 2 : 1) * Gates * shape.Units;

    /// <summary>Runs the sequence; fills <paramref name="cache"/> for <see cref="Backward"/> when it is non-empty.</summary>
    public static void Forward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> mask,
        Span<float> outputs, Span<float> lastOutput, Span<float> hT, Span<float> cache = default)
    {
        const string who = "GruSequence.Forward";
        int B = shape.Batch, T = shape.Time, H = shape.Units, G = Gates * H, rows = shape.Rows;
        RecurrentChecks.Common(shape, options, x, kernel, recurrentKernel, h0, mask, outputs, lastOutput, hT, G, who);
        SequenceShape.Check(bias.Length, BiasSize(shape, options), who, nameof(bias));
        SequenceShape.Check(cache.Length, CacheSize(shape), who, nameof(cache));
        bool training = !cache.IsEmpty, after = options.ResetAfter;
        var o = options;
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, o, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        // h, a [B, 3H] recurrent scratch (reset_after) or a [B, H] r⊙h scratch (reset_before, inference), one [H] temp.
        // The recurrent kernel packed once: all of it (reset_after) or its z, r columns and its candidate columns (reset_before).
        int packA = StepWeights.ScratchSize(B, H, after ? G : 2 * H), packB = after ? 0 : StepWeights.ScratchSize(B, H, H);
        int used = layout.Rows;
        var ws = new PooledBuffer<float>(B * H + B * G + H + packA + packB + (training ? 0 : used * G));
        try
        {
            var first = ints.Take(B);
            Span<float> h = ws.Take(B * H), rec = ws.Take(B * G), tmp = ws.Take(H);
            var rkMain = new StepWeights(false, B, H, after ? G : 2 * H, recurrentKernel, G, ws.Take(packA));
            var rkCand = after ? default : new StepWeights(false, B, H, H, recurrentKernel[(2 * H)..], G, ws.Take(packB));
            var gates = training ? cache[..(rows * G)] : ws.Take(used * G);
            var hPrev = training ? cache.Slice(rows * G, rows * H) : default;
            // reset_after: h·R_h + b_h per row; reset_before: r ⊙ h_{t−1} per row (the left operand of the candidate GEMM).
            var extra = training ? cache.Slice(rows * (G + H), rows * H) : default;
            var inBias = bias.IsEmpty ? bias : bias[..G];
            var recBias = bias.IsEmpty || !after ? default : bias.Slice(G, G);

            SequenceSteps.ProjectInputs(shape, layout, x, kernel, inBias, G, gates, o.MaxThreads);
            layout.Gather(h0, h, H);
            SequenceSteps.FirstValidSteps(shape, o, layout, first);
            for (int step = 0; step < T; step++)
            {
                int t = SequenceSteps.InputTime(shape, o, step);
                if (training) SequenceSteps.StoreRows(shape, layout, t, h, hPrev);
                if (after) StepResetAfter(shape, o, layout, t, rkMain, recBias, gates, h, rec, training ? extra : default, tmp);
                else StepResetBefore(shape, o, layout, t, rkMain, rkCand, gates, h, rec, training ? extra : default, tmp);
                SequenceSteps.Emit(shape, o, layout, first, step, h, outputs);
            }
            SequenceSteps.EmitLast(shape, o, layout, first, h, lastOutput);
            layout.Scatter(h, hT, H);
        }
        finally
        {
            ws.Dispose();
            ints.Dispose();
        }
    }

    private static void StepResetAfter(in SequenceShape s, in SequenceOptions o, in SequenceRows layout, int t,
        in StepWeights rk, ReadOnlySpan<float> recBias, Span<float> gates, Span<float> h, Span<float> rec, Span<float> hhCache, Span<float> tmp)
    {
        int n = layout.Count(t), H = s.Units, G = Gates * H;
        if (n == 0) return;
        if (H > 0) rk.Multiply(n, h, H, 0f, rec, G, o.MaxThreads);
        for (int j = 0; j < n; j++)
        {
            if (!layout.IsValid(j, t)) continue;
            int r = layout.Row(j, t);
            Span<float> z = gates.Slice(r * G, G), hr = rec.Slice(j * G, G);
            if (!recBias.IsEmpty) TensorPrimitives.Add(hr, recBias, hr);
            var zr = z[..(2 * H)];
            TensorPrimitives.Add(zr, hr[..(2 * H)], zr);
            GateActivations.Apply(o.RecurrentActivation, zr, zr);
            var hh = hr.Slice(2 * H, H);
            if (!hhCache.IsEmpty) hh.CopyTo(hhCache.Slice(r * H, H));
            // h̃ = act(x_h + r ⊙ (h·R_h + b_h))
            var cand = z.Slice(2 * H, H);
            TensorPrimitives.MultiplyAdd(z.Slice(H, H), hh, cand, cand);
            GateActivations.Apply(o.Activation, cand, cand);
            Blend(z[..H], cand, h.Slice(j * H, H), tmp);
        }
    }

    private static void StepResetBefore(in SequenceShape s, in SequenceOptions o, in SequenceRows layout, int t,
        in StepWeights rkZr, in StepWeights rkH, Span<float> gates, Span<float> h, Span<float> rhScratch, Span<float> rhCache, Span<float> tmp)
    {
        int n = layout.Count(t), r0 = layout.First(t), H = s.Units, G = Gates * H, ld = layout.Stride * G;
        if (n == 0) return;
        if (H > 0) rkZr.Multiply(n, h, H, 1f, gates[(r0 * G)..], ld, o.MaxThreads);
        // r ⊙ h_{t−1} goes straight into the cache when training (read back with the layout's row stride), else into a dense scratch.
        bool cached = !rhCache.IsEmpty;
        var rh = cached ? rhCache : rhScratch;
        int rhStride = cached ? layout.Stride * H : H, rhBase = cached ? r0 * H : 0;
        for (int j = 0; j < n; j++)
        {
            var rhj = rh.Slice(rhBase + j * rhStride, H);
            if (!layout.IsValid(j, t))
            {
                rhj.Clear(); // its GEMM row is discarded, but the cached row meets zero gradients in backward
                continue;
            }
            var zr = gates.Slice(layout.Row(j, t) * G, 2 * H);
            GateActivations.Apply(o.RecurrentActivation, zr, zr);
            TensorPrimitives.Multiply(zr.Slice(H, H), h.Slice(j * H, H), rhj);
        }
        if (H > 0) rkH.Multiply(n, rh[rhBase..], rhStride, 1f, gates[(r0 * G + 2 * H)..], ld, o.MaxThreads);
        for (int j = 0; j < n; j++)
        {
            if (!layout.IsValid(j, t)) continue;
            var z = gates.Slice(layout.Row(j, t) * G, G);
            var cand = z.Slice(2 * H, H);
            GateActivations.Apply(o.Activation, cand, cand);
            Blend(z[..H], cand, h.Slice(j * H, H), tmp);
        }
    }

    /// <summary><c>h = z ⊙ h + (1 − z) ⊙ h̃</c>, in Keras's order of operations.</summary>
    private static void Blend(ReadOnlySpan<float> z, ReadOnlySpan<float> cand, Span<float> h, Span<float> tmp)
    {
        TensorPrimitives.Subtract(1f, z, tmp);
        TensorPrimitives.Multiply(tmp, cand, tmp);
        TensorPrimitives.MultiplyAdd(z, h, tmp, h);
    }

    /// <summary>
    /// BPTT from the gradients of <c>outputs</c> (forward layout), <c>lastOutput</c> and <c>hT</c> (any may be empty); accumulates into
    /// <paramref name="dx"/>, <paramref name="dKernel"/>, <paramref name="dRecurrentKernel"/>, <paramref name="dBias"/> (bias layout) and
    /// <paramref name="dh0"/> (any may be empty). <paramref name="cache"/> is the forward's, unmodified.
    /// </summary>
    public static void Backward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, ReadOnlySpan<float> dhT,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> dh0)
    {
        const string who = "GruSequence.Backward";
        int B = shape.Batch, H = shape.Units, G = Gates * H, rows = shape.Rows;
        RecurrentChecks.Gradients(shape, options, x, kernel, recurrentKernel, mask, dOutputs, dLastOutput, dhT, dx, dKernel, dRecurrentKernel, dh0, G, who);
        SequenceShape.Check(cache.Length, CacheSize(shape), who, "cache", optional: false);
        SequenceShape.Check(dBias.Length, BiasSize(shape, options), who, nameof(dBias));
        bool after = options.ResetAfter;
        var hPrev = cache.Slice(rows * G, rows * H);
        var extra = cache.Slice(rows * (G + H), rows * H);
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, options, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        // dGates [rows, 3H] input side; reset_after also the recurrent side dRec [rows, 3H]; dh, dhPrev, d(r⊙h) [B, H];
        // recurrentKernelᵀ packed: [3H, H] (reset_after) or its R_zrᵀ [2H, H] and R_hᵀ [H, H] parts.
        int packA = StepWeights.ScratchSize(B, after ? G : 2 * H, H), packB = after ? 0 : StepWeights.ScratchSize(B, H, H);
        int used = layout.Rows, xSize = dx.IsEmpty ? 0 : SequenceSteps.InputScratchSize(shape, layout);
        var ws = new PooledBuffer<float>(used * G * (after ? 2 : 1) + 3 * B * H + packA + packB + xSize);
        try
        {
            var dGates = ws.Take(used * G);
            var dRec = after ? ws.Take(used * G) : dGates;
            // Masked rows (general layout) stay zero: they contribute nothing to the weight GEMMs. The packed layout has none:
            // the sweep writes every row (dr of reset_before in ResetBeforeRecurrentBackward).
            if (!layout.Packed)
            {
                dGates.Clear();
                dRec.Clear();
            }
            var step = new StepBackward
            {
                Options = options, Shape = shape,
                RecurrentKernelT = new StepWeights(true, B, after ? G : 2 * H, H, recurrentKernel, G, ws.Take(packA)),
                CandidateKernelT = after ? default : new StepWeights(true, B, H, H, recurrentKernel[(2 * H)..], G, ws.Take(packB)),
                GateValues = cache[..(rows * G)], HPrev = hPrev, Extra = extra,
                DGates = dGates, DRec = dRec, DRh = ws.Take(B * H),
            };
            SequenceSteps.BackwardSweep(ref step, shape, options, layout, dOutputs, dLastOutput, dhT, dh0, ws.Take(B * H), ws.Take(B * H), ints.Take(B));
            var dInBias = dBias.IsEmpty ? dBias : dBias[..G];
            SequenceSteps.InputGradients(shape, layout, x, kernel, dGates, G, dx, dKernel, dInBias, ws.Take(xSize), options.MaxThreads);
            if (after && !dBias.IsEmpty) layout.AddColumnSums(dRec, G, dBias.Slice(G, G));
            if (!dRecurrentKernel.IsEmpty && used > 0 && H > 0)
            {
                if (after)
                {
                    Gemm.Sgemm(true, false, H, G, used, 1f, hPrev, H, dRec, G, 1f, dRecurrentKernel, G, options.MaxThreads);
                }
                else
                {
                    // R_zr sees h_{t−1}; R_h sees r ⊙ h_{t−1}.
                    Gemm.Sgemm(true, false, H, 2 * H, used, 1f, hPrev, H, dGates, G, 1f, dRecurrentKernel, G, options.MaxThreads);
                    Gemm.Sgemm(true, false, H, H, used, 1f, extra, H, dGates[(2 * H)..], G, 1f, dRecurrentKernel[(2 * H)..], G, options.MaxThreads);
                }
            }
        }
        finally
        {
            ws.Dispose();
            ints.Dispose();
        }
    }

    /// <summary>The GRU's rows of the backward sweep, both reset_after variants.</summary>
    private ref struct StepBackward : IStepBackward
    {
        public SequenceOptions Options;
        public SequenceShape Shape;
        public StepWeights RecurrentKernelT, CandidateKernelT;
        public ReadOnlySpan<float> GateValues, HPrev, Extra;
        public Span<float> DGates, DRec, DRh;

        public readonly void Row(int slot, int r, ReadOnlySpan<float> dh, Span<float> dhPrev)
        {
            int H = Shape.Units, G = Gates * H;
            ReadOnlySpan<float> z = GateValues.Slice(r * G, G);
            var dz = DGates.Slice(r * G, G);
            if (FusedGateBackward.Applies(Options))
            {
                bool after = Options.ResetAfter;
                FusedGateBackward.Gru(z, HPrev.Slice(r * H, H), after ? Extra.Slice(r * H, H) : default, dh, dz,
                    after ? DRec.Slice(r * G, G) : default, dhPrev);
                return;
            }
            BlendBackward(Options, z, HPrev.Slice(r * H, H), dh, dz, dhPrev);
            if (!Options.ResetAfter) return; // dr needs d(r ⊙ h), which comes from a GEMM over the whole step
            // Candidate pre-activation x_h + r ⊙ hh: dr = dxh ⊙ hh, dhh = dxh ⊙ r.
            var dxh = dz.Slice(2 * H, H);
            var dr = dz.Slice(H, H);
            TensorPrimitives.Multiply(dxh, Extra.Slice(r * H, H), dr);
            GateActivations.MultiplyByDerivative(Options.RecurrentActivation, z.Slice(H, H), dr, dr);
            var dRow = DRec.Slice(r * G, G);
            dz[..(2 * H)].CopyTo(dRow);
            TensorPrimitives.Multiply(dxh, z.Slice(H, H), dRow.Slice(2 * H, H));
        }

        public readonly void Recurrent(in SequenceRows rows, int t, Span<float> dhPrev)
        {
            int H = Shape.Units, G = Gates * H;
            if (Options.ResetAfter)
                RecurrentKernelT.Multiply(rows.Count(t), DRec[(rows.First(t) * G)..], rows.Stride * G, 1f, dhPrev, H, Options.MaxThreads);
            else
                ResetBeforeRecurrentBackward(Shape, Options, rows, t, RecurrentKernelT, CandidateKernelT, GateValues, HPrev, DGates, dhPrev, DRh);
        }
    }

    /// <summary>
    /// Writes dz (pre-activation) and dxh (candidate pre-activation) into <paramref name="dz"/> and sets
    /// <paramref name="dhn"/> = dh ⊙ z, the direct path to h_{t−1}.
    /// </summary>
    private static void BlendBackward(in SequenceOptions o, ReadOnlySpan<float> z, ReadOnlySpan<float> hp, ReadOnlySpan<float> dh,
        Span<float> dz, Span<float> dhn)
    {
        int H = dh.Length;
        ReadOnlySpan<float> zg = z[..H], cand = z.Slice(2 * H, H);
        Span<float> dzg = dz[..H], dxh = dz.Slice(2 * H, H);
        // dz = dh ⊙ (h_{t−1} − h̃)
        TensorPrimitives.Subtract(hp, cand, dzg);
        TensorPrimitives.Multiply(dzg, dh, dzg);
        GateActivations.MultiplyByDerivative(o.RecurrentActivation, zg, dzg, dzg);
        // dh̃ = dh ⊙ (1 − z)
        TensorPrimitives.Subtract(1f, zg, dxh);
        TensorPrimitives.Multiply(dxh, dh, dxh);
        GateActivations.MultiplyByDerivative(o.Activation, cand, dxh, dxh);
        TensorPrimitives.Multiply(dh, zg, dhn);
    }

    /// <summary>reset_before: back through <c>(r ⊙ h)·R_h</c>, then <c>h·R_zr</c>, adding both into <paramref name="dhNext"/>.</summary>
    private static void ResetBeforeRecurrentBackward(in SequenceShape s, in SequenceOptions o, in SequenceRows layout, int t,
        in StepWeights rkZrT, in StepWeights rkHT, ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrev, Span<float> dGates, Span<float> dhNext, Span<float> dRh)
    {
        int n = layout.Count(t), r0 = layout.First(t), H = s.Units, G = Gates * H, ld = layout.Stride * G;
        if (H == 0) return;
        // d(r ⊙ h) = dxh · R_hᵀ
        rkHT.Multiply(n, dGates[(r0 * G + 2 * H)..], ld, 0f, dRh, H, o.MaxThreads);
        for (int j = 0; j < n; j++)
        {
            if (!layout.IsValid(j, t)) continue;
            int r = layout.Row(j, t);
            ReadOnlySpan<float> rg = gates.Slice(r * G + H, H), hp = hPrev.Slice(r * H, H);
            Span<float> drh = dRh.Slice(j * H, H), dr = dGates.Slice(r * G + H, H), dhn = dhNext.Slice(j * H, H);
            TensorPrimitives.Multiply(drh, hp, dr);
            GateActivations.MultiplyByDerivative(o.RecurrentActivation, rg, dr, dr);
            TensorPrimitives.MultiplyAdd(drh, rg, dhn, dhn);
        }
        rkZrT.Multiply(n, dGates[(r0 * G)..], ld, 1f, dhNext, H, o.MaxThreads);
    }
}
