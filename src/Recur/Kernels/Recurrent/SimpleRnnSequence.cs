namespace Recur.Kernels.Recurrent;

/// <summary>Keras SimpleRNN over a whole sequence (spec §3.1, mask rule §2.5): forward and BPTT backward.</summary>
/// <remarks>
/// <para>Shapes (Keras layouts): <c>x [B, T, D]</c>, <c>kernel [D, H]</c>, <c>recurrentKernel [H, H]</c>, <c>bias [H]</c> or empty;
/// <c>h0, hT, lastOutput [B, H]</c>, <c>mask [B, T]</c>; <c>outputs</c> as <see cref="SequenceOptions"/> lays them out.
/// Only <see cref="SequenceOptions.Activation"/> is used.</para>
/// <para>Rows: one per (sample, step) as <see cref="SequenceRows"/> lays them out (<c>B·T</c>, or the <c>Σ len</c> valid ones of a
/// right-padded mask).</para>
/// <para>Forward: one GEMM projects every step's input into <c>[rows, H]</c>; each step adds <c>h·recurrentKernel</c> into its rows
/// with one GEMM and activates them in place.</para>
/// <para>Cache (<see cref="CacheSize"/>, by row): <c>h_t = act(·)</c> and <c>h_{t−1}</c>, <c>[rows, H]</c> each.</para>
/// <para>Backward accumulates (+=) into every non-empty gradient span.</para>
/// </remarks>
public static class SimpleRnnSequence
{
    /// <summary>Floats the training cache needs.</summary>
    public static int CacheSize(in SequenceShape shape) => shape.Rows * shape.Units * 2;

    /// <summary>Runs the sequence; fills <paramref name="cache"/> for <see cref="Backward"/> when it is non-empty.</summary>
    public static void Forward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> mask,
        Span<float> outputs, Span<float> lastOutput, Span<float> hT, Span<float> cache = default)
    {
        const string who = "SimpleRnnSequence.Forward";
        int B = shape.Batch, T = shape.Time, H = shape.Units, rows = shape.Rows;
        RecurrentChecks.Common(shape, options, x, kernel, recurrentKernel, h0, mask, outputs, lastOutput, hT, H, who);
        SequenceShape.Check(bias.Length, H, who, nameof(bias));
        SequenceShape.Check(cache.Length, CacheSize(shape), who, nameof(cache));
        bool training = !cache.IsEmpty;
        var o = options;
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, o, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        int packedSize = StepWeights.ScratchSize(B, H, H), used = layout.Rows;
        var ws = new PooledBuffer<float>(B * H + packedSize + (training ? 0 : used * H));
        try
        {
            var first = ints.Take(B);
            var h = ws.Take(B * H);
            var rk = new StepWeights(false, B, H, H, recurrentKernel, H, ws.Take(packedSize));
            var pre = training ? cache[..(rows * H)] : ws.Take(used * H);
            var hPrev = training ? cache.Slice(rows * H, rows * H) : default;
            SequenceSteps.ProjectInputs(shape, layout, x, kernel, bias, H, pre, o.MaxThreads);
            layout.Gather(h0, h, H);
            SequenceSteps.FirstValidSteps(shape, o, layout, first);
            for (int step = 0; step < T; step++)
            {
                int t = SequenceSteps.InputTime(shape, o, step), n = layout.Count(t), r0 = layout.First(t);
                if (training) SequenceSteps.StoreRows(shape, layout, t, h, hPrev);
                if (H > 0 && n > 0) rk.Multiply(n, h, H, 1f, pre[(r0 * H)..], layout.Stride * H, o.MaxThreads);
                for (int j = 0; j < n; j++)
                {
                    if (!layout.IsValid(j, t)) continue;
                    var row = pre.Slice(layout.Row(j, t) * H, H);
                    GateActivations.Apply(o.Activation, row, row);
                    row.CopyTo(h.Slice(j * H, H));
                }
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

    /// <summary>
    /// BPTT from the gradients of <c>outputs</c> (forward layout), <c>lastOutput</c> and <c>hT</c> (any may be empty); accumulates into
    /// <paramref name="dx"/>, <paramref name="dKernel"/>, <paramref name="dRecurrentKernel"/>, <paramref name="dBias"/>, <paramref name="dh0"/>
    /// (any may be empty). <paramref name="cache"/> is the forward's, unmodified.
    /// </summary>
    public static void Backward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, ReadOnlySpan<float> dhT,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> dh0)
    {
        const string who = "SimpleRnnSequence.Backward";
        int B = shape.Batch, H = shape.Units, rows = shape.Rows;
        RecurrentChecks.Gradients(shape, options, x, kernel, recurrentKernel, mask, dOutputs, dLastOutput, dhT, dx, dKernel, dRecurrentKernel, dh0, H, who);
        SequenceShape.Check(cache.Length, CacheSize(shape), who, "cache", optional: false);
        SequenceShape.Check(dBias.Length, H, who, nameof(dBias));
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, options, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        int packedSize = StepWeights.ScratchSize(B, H, H), used = layout.Rows, xSize = dx.IsEmpty ? 0 : SequenceSteps.InputScratchSize(shape, layout);
        var ws = new PooledBuffer<float>(used * H + 2 * B * H + packedSize + xSize);
        try
        {
            var dPre = ws.Take(used * H);
            // Masked rows (general layout) stay zero: they contribute nothing to the weight GEMMs. The packed layout has none:
            // the sweep writes every row.
            if (!layout.Packed) dPre.Clear();
            var step = new StepBackward { Options = options, Shape = shape, RecurrentKernelT = new StepWeights(true, B, H, H, recurrentKernel, H, ws.Take(packedSize)), Act = cache[..(rows * H)], DPre = dPre };
            SequenceSteps.BackwardSweep(ref step, shape, options, layout, dOutputs, dLastOutput, dhT, dh0, ws.Take(B * H), ws.Take(B * H), ints.Take(B));
            SequenceSteps.InputGradients(shape, layout, x, kernel, dPre, H, dx, dKernel, dBias, ws.Take(xSize), options.MaxThreads);
            if (!dRecurrentKernel.IsEmpty && used > 0 && H > 0)
                Gemm.Sgemm(true, false, H, H, used, 1f, cache.Slice(rows * H, rows * H), H, dPre, H, 1f, dRecurrentKernel, H, options.MaxThreads);
        }
        finally
        {
            ws.Dispose();
            ints.Dispose();
        }
    }

    /// <summary>SimpleRNN's rows of the backward sweep.</summary>
    private ref struct StepBackward : IStepBackward
    {
        public SequenceOptions Options;
        public SequenceShape Shape;
        public StepWeights RecurrentKernelT;
        public ReadOnlySpan<float> Act;
        public Span<float> DPre;

        public readonly void Row(int slot, int r, ReadOnlySpan<float> dh, Span<float> dhPrev)
        {
            int H = Shape.Units;
            GateActivations.MultiplyByDerivative(Options.Activation, Act.Slice(r * H, H), dh, DPre.Slice(r * H, H));
            dhPrev.Clear(); // h_{t−1} reaches h_t only through the recurrent kernel
        }

        // dh_{t−1} += dPre_t · recurrentKernelᵀ (packed once)
        public readonly void Recurrent(in SequenceRows rows, int t, Span<float> dhPrev)
        {
            int H = Shape.Units;
            RecurrentKernelT.Multiply(rows.Count(t), DPre[(rows.First(t) * H)..], rows.Stride * H, 1f, dhPrev, H, Options.MaxThreads);
        }
    }
}
