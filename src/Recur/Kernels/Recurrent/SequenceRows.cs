namespace Recur.Kernels.Recurrent;

/// <summary>
/// Where a fused kernel keeps the per-step rows of its stacked buffers (gates, cache, gate gradients) and which batch rows
/// each step computes. The kernels work in <em>slot</em> space: the carried states are [B, H] in slot order, step
/// <c>t</c> computes slots <c>0 … Count(t) − 1</c> at stacked rows <c>First(t) + slot · Stride</c>, and a slot is valid
/// at <c>t</c> when <see cref="IsValid"/> says so (a slot that is not is held: its state and gradient pass through).
/// </summary>
/// <remarks>
/// <para>General layout (no mask, or a mask that is not right-padded): slot = batch row, row <c>b·T + t</c> (batch-major),
/// every slot at every step, validity read from the mask.</para>
/// <para>Packed layout (every mask row is <c>1…1 0…0</c>, PyTorch's packed sequence): slots are the batch rows sorted by
/// length, longest first (ties in batch order), so the valid rows of any step are a prefix, <c>Count(t) = #{len &gt; t}</c>,
/// in either direction (processed backwards, a row's padded steps come before its first valid one and hold the initial
/// state, as the mask rule says). The rows are time-major: step <c>t</c>'s rows are the contiguous block
/// <c>First(t) … First(t) + Count(t) − 1</c>, <c>Σ len</c> rows in all; padded positions have no row and cost nothing.
/// Each valid row goes through the same arithmetic as in the general layout (GEMM rows do not depend on the row count),
/// so outputs, states and the row-wise gradients (dx, dh0, dc0) are bit-identical to it, and dBias too (summed in batch-major
/// order, <see cref="AddColumnSums"/>). dKernel and dRecurrentKernel are GEMMs over the rows: they sum only the valid rows, in
/// time-major order and other K blocks, so they agree with the general layout to rounding (~1e-6 relative), not bit for bit.</para>
/// </remarks>
internal readonly ref struct SequenceRows
{
    private readonly ReadOnlySpan<float> _mask;
    private readonly ReadOnlySpan<int> _order, _slotOf, _lengths, _offsets, _sourceRows;
    private readonly int _batch, _time;

    /// <summary>Ints of scratch <see cref="Create"/> needs for <paramref name="mask"/> (the packed layout's row list only with one).</summary>
    public static int ScratchSize(in SequenceShape s, ReadOnlySpan<float> mask) => 3 * s.Batch + 2 * (s.Time + 1) + (mask.IsEmpty ? 0 : s.Rows);

    /// <summary>
    /// The packed layout when <paramref name="mask"/> is right-padded in every row (and <see cref="SequenceOptions.GeneralMaskPath"/>
    /// is off), else the general one. <paramref name="scratch"/> holds <see cref="ScratchSize"/> ints and must outlive the result.
    /// </summary>
    public static SequenceRows Create(scoped in SequenceShape s, scoped in SequenceOptions o, ReadOnlySpan<float> mask, Span<int> scratch)
    {
        int B = s.Batch, T = s.Time;
        if (mask.IsEmpty || o.GeneralMaskPath) return new SequenceRows(mask, B, T, default);
        Span<int> order = scratch[..B], slotOf = scratch.Slice(B, B), lengths = scratch.Slice(2 * B, B);
        Span<int> offsets = scratch.Slice(3 * B, T + 1), start = scratch.Slice(3 * B + T + 1, T + 1);
        start.Clear();
        for (int b = 0; b < B; b++)
        {
            var row = mask.Slice(b * T, T);
            int len = 0;
            while (len < T && row[len] != 0f) len++;
            for (int t = len; t < T; t++)
                if (row[t] != 0f) return new SequenceRows(mask, B, T, default);
            slotOf[b] = len; // the length, until the slots are known
            start[len]++;
        }
        // start[l] = #{len > l}: the first slot of length l. Then Count(t) = #{len > t} = start[t].
        int above = 0;
        for (int l = T; l >= 0; l--)
        {
            int count = start[l];
            start[l] = above;
            above += count;
        }
        offsets[0] = 0;
        for (int t = 0; t < T; t++) offsets[t + 1] = offsets[t] + start[t];
        for (int b = 0; b < B; b++)
        {
            int len = slotOf[b], slot = start[len]++;
            order[slot] = b;
            lengths[slot] = len;
            slotOf[b] = slot;
        }
        var sourceRows = scratch.Slice(3 * B + 2 * (T + 1), offsets[T]);
        for (int slot = 0; slot < B; slot++)
            for (int t = 0; t < lengths[slot]; t++) sourceRows[offsets[t] + slot] = order[slot] * T + t;
        return new SequenceRows(mask, B, T, scratch);
    }

    /// <summary>The general layout when <paramref name="packed"/> is empty, else the packed one that <see cref="Create"/> wrote into it.</summary>
    private SequenceRows(ReadOnlySpan<float> mask, int batch, int time, ReadOnlySpan<int> packed)
    {
        _mask = mask;
        (_batch, _time, Packed) = (batch, time, !packed.IsEmpty);
        if (!Packed) return;
        _order = packed[..batch];
        _slotOf = packed.Slice(batch, batch);
        _lengths = packed.Slice(2 * batch, batch);
        _offsets = packed.Slice(3 * batch, time + 1);
        _sourceRows = packed.Slice(3 * batch + 2 * (time + 1), _offsets[time]);
    }

    /// <summary>True for the packed layout.</summary>
    public bool Packed { get; }

    /// <summary>Rows of the stacked buffers in use: <c>Σ len</c> (packed) or <c>B·T</c>.</summary>
    public int Rows => Packed ? _offsets[_time] : _batch * _time;

    /// <summary>Slots that step <paramref name="t"/> computes (its recurrent GEMM's row count).</summary>
    public int Count(int t) => Packed ? _offsets[t + 1] - _offsets[t] : _batch;

    /// <summary>Stacked row of slot 0 at input time <paramref name="t"/>.</summary>
    public int First(int t) => Packed ? _offsets[t] : t;

    /// <summary>Rows between consecutive slots of one step (the GEMMs' leading dimension, in rows).</summary>
    public int Stride => Packed ? 1 : _time;

    /// <summary>Stacked row of <paramref name="slot"/> at input time <paramref name="t"/>.</summary>
    public int Row(int slot, int t) => First(t) + slot * Stride;

    /// <summary>True when <paramref name="slot"/>'s input time <paramref name="t"/> is a valid (unmasked) step.</summary>
    public bool IsValid(int slot, int t) => Packed ? t < _lengths[slot] : _mask.IsEmpty || _mask[slot * _time + t] != 0f;

    /// <summary>Packed layout: for each stacked row, its row in the caller's batch-major <c>[B·T, ·]</c> tensors (<c>b·T + t</c>).</summary>
    public ReadOnlySpan<int> SourceRows => _sourceRows;

    /// <summary>The caller's batch row of <paramref name="slot"/>.</summary>
    public int BatchOf(int slot) => Packed ? _order[slot] : slot;

    /// <summary>Copies per-batch rows [B, <paramref name="width"/>] into slot order (zeros when <paramref name="src"/> is empty).</summary>
    public void Gather(ReadOnlySpan<float> src, Span<float> dst, int width)
    {
        if (src.IsEmpty) dst[..(_batch * width)].Clear();
        else if (!Packed) src[..(_batch * width)].CopyTo(dst);
        else for (int j = 0; j < _batch; j++) src.Slice(_order[j] * width, width).CopyTo(dst.Slice(j * width, width));
    }

    /// <summary>Copies slot-ordered rows back into the caller's batch order, when a destination was given.</summary>
    public void Scatter(ReadOnlySpan<float> src, Span<float> dst, int width)
    {
        if (dst.IsEmpty) return;
        if (!Packed) src[..(_batch * width)].CopyTo(dst);
        else for (int j = 0; j < _batch; j++) src.Slice(j * width, width).CopyTo(dst.Slice(_order[j] * width, width));
    }

    /// <summary>Adds slot-ordered rows into the caller's batch order, when a destination was given.</summary>
    public void AccumulateInto(Span<float> dst, ReadOnlySpan<float> src, int width)
    {
        if (dst.IsEmpty) return;
        for (int j = 0; j < _batch; j++)
        {
            var row = dst.Slice(BatchOf(j) * width, width);
            System.Numerics.Tensors.TensorPrimitives.Add(row, src.Slice(j * width, width), row);
        }
    }

    /// <summary>
    /// Packed layout: copies each valid row of the per-sample tensor <paramref name="src"/> [B, T, <paramref name="width"/>]
    /// to its stacked row of <paramref name="dst"/> [Rows, width].
    /// </summary>
    public void GatherSteps(ReadOnlySpan<float> src, Span<float> dst, int width)
    {
        for (int b = 0; b < _batch; b++)
        {
            int slot = _slotOf[b];
            for (int t = 0; t < _lengths[slot]; t++)
                src.Slice((b * _time + t) * width, width).CopyTo(dst.Slice((_offsets[t] + slot) * width, width));
        }
    }

    /// <summary>Packed layout: the inverse of <see cref="GatherSteps"/> (padded positions of <paramref name="dst"/> untouched).</summary>
    public void ScatterSteps(ReadOnlySpan<float> src, Span<float> dst, int width)
    {
        for (int b = 0; b < _batch; b++)
        {
            int slot = _slotOf[b];
            for (int t = 0; t < _lengths[slot]; t++)
                src.Slice((_offsets[t] + slot) * width, width).CopyTo(dst.Slice((b * _time + t) * width, width));
        }
    }

    /// <summary>
    /// <c>dst[n] += Σ_r src[r, n]</c> over the valid rows, visited in the caller's batch-major order (batch row, then time), so the
    /// sums equal the general layout's bit for bit (its masked rows add exact zeros).
    /// </summary>
    public void AddColumnSums(ReadOnlySpan<float> src, int width, Span<float> dst)
    {
        for (int b = 0; b < _batch; b++)
        {
            int slot = Packed ? _slotOf[b] : b;
            for (int t = 0; t < _time; t++)
            {
                if (Packed && t >= _lengths[slot]) break;
                var row = src.Slice(Row(slot, t) * width, width);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, row, dst);
            }
        }
    }
}
