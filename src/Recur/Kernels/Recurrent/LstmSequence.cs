using System.Numerics.Tensors;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// Keras LSTM over a whole sequence (spec §3.2, mask rule §2.5): forward and hand-written BPTT backward.
/// </summary>
/// <remarks>
/// <para>Shapes (row-major, Keras layouts, never transposed): <c>x [B, T, D]</c>, <c>kernel [D, 4H]</c>,
/// <c>recurrentKernel [H, 4H]</c>, <c>bias [4H]</c> or empty; gate column blocks <c>i, f, c, o</c>.
/// <c>h0, c0, hT, cT, lastOutput [B, H]</c> (empty h0/c0 = zeros; empty outputs = not wanted);
/// <c>mask [B, T]</c> (nonzero = valid) or empty; <c>outputs</c> laid out as <see cref="SequenceOptions"/> says.</para>
/// <para>Rows: the stacked buffers have one row per (sample, step) as <see cref="SequenceRows"/> lays them out: <c>B·T</c>
/// batch-major rows, or with a right-padded mask only the <c>Σ len</c> valid ones (padded steps cost no GEMM work).</para>
/// <para>Forward: one GEMM projects every step's input into <c>[rows, 4H]</c>; each step adds <c>h·recurrentKernel</c>
/// into its rows with one GEMM and runs the gate math in place.</para>
/// <para>Cache (<see cref="CacheSize"/>, by row): activated gates <c>[rows, 4H]</c>,
/// <c>h_{t−1}</c>, <c>c_{t−1}</c> and <c>act(c_t)</c> <c>[rows, H]</c> each. Rows of masked steps hold no gate values.</para>
/// <para>Backward accumulates (+=) into every non-empty gradient span.</para>
/// </remarks>
public static class LstmSequence
{
    private const int Gates = 4;

    /// <summary>Floats the training cache needs.</summary>
    public static int CacheSize(in SequenceShape shape) => shape.Rows * shape.Units * (Gates + 3);

    /// <summary>Runs the sequence; fills <paramref name="cache"/> for <see cref="Backward"/> when it is non-empty.</summary>
    public static void Forward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> mask,
        Span<float> outputs, Span<float> lastOutput, Span<float> hT, Span<float> cT, Span<float> cache = default)
    {
        Validate(shape, options, x, kernel, recurrentKernel, bias, h0, c0, mask, outputs, lastOutput, hT, cT, cache);
        int B = shape.Batch, T = shape.Time, H = shape.Units, G = Gates * H, rows = shape.Rows;
        bool training = !cache.IsEmpty;
        var o = options;
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, o, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        int packedSize = StepWeights.ScratchSize(B, H, G), used = layout.Rows;
        var ws = new PooledBuffer<float>(2 * B * H + packedSize + (training ? 0 : used * G));
        try
        {
            var first = ints.Take(B);
            Span<float> h = ws.Take(B * H), c = ws.Take(B * H);
            var rk = new StepWeights(false, B, H, G, recurrentKernel, G, ws.Take(packedSize));
            var gates = training ? cache[..(rows * G)] : ws.Take(used * G);
            var hPrev = training ? cache.Slice(rows * G, rows * H) : default;
            var cPrev = training ? cache.Slice(rows * (G + H), rows * H) : default;
            var actC = training ? cache.Slice(rows * (G + 2 * H), rows * H) : default;

            SequenceSteps.ProjectInputs(shape, layout, x, kernel, bias, G, gates, o.MaxThreads);
            layout.Gather(h0, h, H);
            layout.Gather(c0, c, H);
            SequenceSteps.FirstValidSteps(shape, o, layout, first);
            for (int step = 0; step < T; step++)
            {
                int t = SequenceSteps.InputTime(shape, o, step), n = layout.Count(t);
                if (training)
                {
                    SequenceSteps.StoreRows(shape, layout, t, h, hPrev);
                    SequenceSteps.StoreRows(shape, layout, t, c, cPrev);
                }
                if (H > 0 && n > 0) rk.Multiply(n, h, H, 1f, gates[(layout.First(t) * G)..], layout.Stride * G, o.MaxThreads);
                for (int j = 0; j < n; j++)
                {
                    if (!layout.IsValid(j, t)) continue;
                    int r = layout.Row(j, t);
                    var z = gates.Slice(r * G, G);
                    Span<float> hj = h.Slice(j * H, H), cj = c.Slice(j * H, H);
                    // Where act(c) goes: the cache when training, else straight into h (then h = o ⊙ h in place).
                    var ac = training ? actC.Slice(r * H, H) : hj;
                    Cell(o, z, H, cj, ac);
                    TensorPrimitives.Multiply(z.Slice(3 * H, H), ac, hj);
                }
                SequenceSteps.Emit(shape, o, layout, first, step, h, outputs);
            }
            SequenceSteps.EmitLast(shape, o, layout, first, h, lastOutput);
            layout.Scatter(h, hT, H);
            layout.Scatter(c, cT, H);
        }
        finally
        {
            ws.Dispose();
            ints.Dispose();
        }
    }

    /// <summary>Activates the gate row <paramref name="z"/> [4H] in place, updates <paramref name="c"/> and writes act(c) into <paramref name="actC"/>.</summary>
    private static void Cell(in SequenceOptions o, Span<float> z, int H, Span<float> c, Span<float> actC)
    {
        var ifz = z[..(2 * H)];
        GateActivations.Apply(o.RecurrentActivation, ifz, ifz);
        var g = z.Slice(2 * H, H);
        GateActivations.Apply(o.Activation, g, g);
        var og = z.Slice(3 * H, H);
        GateActivations.Apply(o.RecurrentActivation, og, og);
        // c = f ⊙ c + i ⊙ g
        TensorPrimitives.Multiply(z.Slice(H, H), c, c);
        TensorPrimitives.MultiplyAdd(z[..H], g, c, c);
        GateActivations.Apply(o.Activation, c, actC);
    }

    /// <summary>
    /// BPTT from the gradients of <c>outputs</c> (same layout as the forward), <c>lastOutput</c>, <c>hT</c> and <c>cT</c>
    /// (any may be empty); accumulates into <paramref name="dx"/>, <paramref name="dKernel"/>, <paramref name="dRecurrentKernel"/>,
    /// <paramref name="dBias"/>, <paramref name="dh0"/>, <paramref name="dc0"/> (any may be empty = not wanted).
    /// <paramref name="cache"/> is the one the forward filled with the same arguments; it is not modified.
    /// </summary>
    public static void Backward(in SequenceShape shape, in SequenceOptions options,
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, ReadOnlySpan<float> cache,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput, ReadOnlySpan<float> dhT, ReadOnlySpan<float> dcT,
        Span<float> dx, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias, Span<float> dh0, Span<float> dc0)
    {
        const string who = "LstmSequence.Backward";
        int B = shape.Batch, H = shape.Units, G = Gates * H, rows = shape.Rows;
        RecurrentChecks.Gradients(shape, options, x, kernel, recurrentKernel, mask, dOutputs, dLastOutput, dhT, dx, dKernel, dRecurrentKernel, dh0, G, who);
        SequenceShape.Check(cache.Length, CacheSize(shape), who, "cache", optional: false);
        SequenceShape.Check(dcT.Length, B * H, who, nameof(dcT));
        SequenceShape.Check(dBias.Length, G, who, nameof(dBias));
        SequenceShape.Check(dc0.Length, B * H, who, nameof(dc0));
        var ints = new PooledBuffer<int>(B + SequenceRows.ScratchSize(shape, mask));
        var layout = SequenceRows.Create(shape, options, mask, ints.Take(SequenceRows.ScratchSize(shape, mask)));
        int packedSize = StepWeights.ScratchSize(B, G, H), used = layout.Rows, xSize = dx.IsEmpty ? 0 : SequenceSteps.InputScratchSize(shape, layout);
        var ws = new PooledBuffer<float>(used * G + 3 * B * H + H + packedSize + xSize);
        try
        {
            var dGates = ws.Take(used * G);
            // Masked rows (general layout) stay zero: they contribute nothing to the weight GEMMs. The packed layout has none:
            // the sweep writes every row.
            if (!layout.Packed) dGates.Clear();
            var step = new StepBackward
            {
                Options = options, Shape = shape, RecurrentKernelT = new StepWeights(true, B, G, H, recurrentKernel, G, ws.Take(packedSize)),
                GateValues = cache[..(rows * G)],
                CPrev = cache.Slice(rows * (G + H), rows * H),
                ActC = cache.Slice(rows * (G + 2 * H), rows * H),
                Dc = ws.Take(B * H), DGates = dGates, Tmp = ws.Take(H),
            };
            layout.Gather(dcT, step.Dc, H);
            SequenceSteps.BackwardSweep(ref step, shape, options, layout, dOutputs, dLastOutput, dhT, dh0, ws.Take(B * H), ws.Take(B * H), ints.Take(B));
            layout.AccumulateInto(dc0, step.Dc, H);
            SequenceSteps.InputGradients(shape, layout, x, kernel, dGates, G, dx, dKernel, dBias, ws.Take(xSize), options.MaxThreads);
            if (!dRecurrentKernel.IsEmpty && used > 0 && H > 0)
                Gemm.Sgemm(true, false, H, G, used, 1f, cache.Slice(rows * G, rows * H), H, dGates, G, 1f, dRecurrentKernel, G, options.MaxThreads);
        }
        finally
        {
            ws.Dispose();
            ints.Dispose();
        }
    }

    /// <summary>The LSTM's rows of the backward sweep; <see cref="Dc"/> carries dc and is held on masked rows by not being touched.</summary>
    private ref struct StepBackward : IStepBackward
    {
        public SequenceOptions Options;
        public SequenceShape Shape;
        public StepWeights RecurrentKernelT;
        public ReadOnlySpan<float> GateValues, CPrev, ActC;
        public Span<float> Dc, DGates, Tmp;

        public readonly void Row(int slot, int r, ReadOnlySpan<float> dh, Span<float> dhPrev)
        {
            int H = Shape.Units, G = Gates * H;
            if (FusedGateBackward.Applies(Options))
                FusedGateBackward.Lstm(GateValues.Slice(r * G, G), CPrev.Slice(r * H, H), ActC.Slice(r * H, H), dh, Dc.Slice(slot * H, H), DGates.Slice(r * G, G));
            else
                CellBackward(Options, GateValues.Slice(r * G, G), CPrev.Slice(r * H, H), ActC.Slice(r * H, H), dh, Dc.Slice(slot * H, H), DGates.Slice(r * G, G), Tmp);
            dhPrev.Clear(); // h_{t−1} reaches h_t only through the recurrent kernel
        }

        // dh_{t−1} += dGates_t · recurrentKernelᵀ (packed once as [4H, H])
        public readonly void Recurrent(in SequenceRows rows, int t, Span<float> dhPrev)
        {
            int G = Gates * Shape.Units;
            RecurrentKernelT.Multiply(rows.Count(t), DGates[(rows.First(t) * G)..], rows.Stride * G, 1f, dhPrev, Shape.Units, Options.MaxThreads);
        }
    }

    /// <summary>One valid row: pre-activation gate gradients into <paramref name="dz"/>; <paramref name="dc"/> becomes dc_{t−1}.</summary>
    private static void CellBackward(in SequenceOptions o, ReadOnlySpan<float> z, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> actC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dz, Span<float> tmp)
    {
        int H = dh.Length;
        ReadOnlySpan<float> i = z[..H], f = z.Slice(H, H), g = z.Slice(2 * H, H), og = z.Slice(3 * H, H);
        Span<float> di = dz[..H], df = dz.Slice(H, H), dg = dz.Slice(2 * H, H), dog = dz.Slice(3 * H, H);
        // h = o ⊙ act(c): do = dh ⊙ act(c); dc += dh ⊙ o ⊙ act′(c)
        TensorPrimitives.Multiply(dh, actC, dog);
        GateActivations.MultiplyByDerivative(o.RecurrentActivation, og, dog, dog);
        TensorPrimitives.Multiply(dh, og, tmp);
        GateActivations.MultiplyByDerivative(o.Activation, actC, tmp, tmp);
        TensorPrimitives.Add(dc, tmp, dc);
        // c = f ⊙ c_{t−1} + i ⊙ g
        TensorPrimitives.Multiply(dc, g, di);
        GateActivations.MultiplyByDerivative(o.RecurrentActivation, i, di, di);
        TensorPrimitives.Multiply(dc, cPrev, df);
        GateActivations.MultiplyByDerivative(o.RecurrentActivation, f, df, df);
        TensorPrimitives.Multiply(dc, i, dg);
        GateActivations.MultiplyByDerivative(o.Activation, g, dg, dg);
        TensorPrimitives.Multiply(dc, f, dc);
    }

    private static void Validate(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> lastOutput, ReadOnlySpan<float> hT, ReadOnlySpan<float> cT, ReadOnlySpan<float> cache)
    {
        const string who = "LstmSequence.Forward";
        int B = s.Batch, H = s.Units, G = Gates * H;
        RecurrentChecks.Common(s, o, x, kernel, recurrentKernel, h0, mask, outputs, lastOutput, hT, G, who);
        SequenceShape.Check(bias.Length, G, who, nameof(bias));
        SequenceShape.Check(c0.Length, B * H, who, nameof(c0));
        SequenceShape.Check(cT.Length, B * H, who, nameof(cT));
        SequenceShape.Check(cache.Length, CacheSize(s), who, nameof(cache));
    }
}
