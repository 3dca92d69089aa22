using Recur.Kernels;
using Recur.Kernels.Recurrent;

namespace Recur;

/// <summary>
/// Runs both directions of a bidirectional recurrence concurrently (one core each) and records them as one node whose
/// backward also runs both directions concurrently.
/// </summary>
internal static class FusedBidirectional
{
    private sealed record Direction(FusedRecurrence.Cell Cell, SequenceShape Shape, SequenceOptions Options, TrainingCache Cache,
        int Kernel, int RecurrentKernel, int Bias, int H0, int C0);

    private sealed record Saved(Direction Forward, Direction Backward, float[]? Mask, bool Concat, int States);

    public static BidirectionalResult Run(FusedCell fusedCell, Tensor x, DirectionWeights fw, DirectionWeights bw, Tensor? mask, bool concat)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(fw);
        ArgumentNullException.ThrowIfNull(bw);
        var cell = (FusedRecurrence.Cell)(int)fusedCell;
        if (x.Rank != 3) throw new ShapeMismatchException("BidirectionalSequence", "inputs of rank 3 [batch, time, features]", x.Dims);
        int B = x.Dims[0], T = x.Dims[1], D = x.Dims[2], H = fw.RecurrentKernel.Dims[0];
        if (bw.RecurrentKernel.Dims[0] != H)
            throw new ArgumentException($"BidirectionalSequence: both directions must have the same units; forward {H}, backward {bw.RecurrentKernel.Dims[0]}.");
        var shape = new SequenceShape(B, T, D, H);

        var inputs = new List<Tensor> { x };
        var fDir = Describe(cell, shape, x, fw, inputs, reverse: false, concat);
        var bDir = Describe(cell, shape, x, bw, inputs, reverse: true, concat);
        bool record = Autograd.ShouldRecord(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs));
        if (record)
        {
            fDir = fDir with { Cache = TrainingCache.Rent(FusedRecurrence.CacheSize(cell, shape)) };
            bDir = bDir with { Cache = TrainingCache.Rent(FusedRecurrence.CacheSize(cell, shape)) };
        }

        int stateCount = cell == FusedRecurrence.Cell.Lstm ? 2 : 1;
        // The kernels write every step of every row (a concat: both halves).
        Tensor? cat = concat ? Tensor.Uninitialized([B, T, 2 * H]) : null;
        Tensor? fSeq = concat ? null : Tensor.Uninitialized([B, T, H]), bSeq = concat ? null : Tensor.Uninitialized([B, T, H]);
        var fLast = Tensor.Empty([B, H]);
        var bLast = Tensor.Empty([B, H]);
        var fStates = NewStates(stateCount, B, H);
        var bStates = NewStates(stateCount, B, H);
        var all = inputs.ToArray();
        float[] maskData = mask?.ToArray() ?? [];
        if (mask is not null && !mask.Dims.AsSpan().SequenceEqual([B, T]))
            throw new ShapeMismatchException("BidirectionalSequence", "mask", [B, T], mask.Dims);

        Parallelism.Invoke2(
            () => FusedRecurrence.Forward(fDir.Cell, fDir.Shape, fDir.Options, x, all[fDir.Kernel], all[fDir.RecurrentKernel],
                At(all, fDir.Bias), At(all, fDir.H0), At(all, fDir.C0), maskData, (cat ?? fSeq)!, fLast, fStates, fDir.Cache.Span),
            () => FusedRecurrence.Forward(bDir.Cell, bDir.Shape, bDir.Options, x, all[bDir.Kernel], all[bDir.RecurrentKernel],
                At(all, bDir.Bias), At(all, bDir.H0), At(all, bDir.C0), maskData, (cat ?? bSeq)!, bLast, bStates, bDir.Cache.Span));

        if (record)
        {
            Tensor[] outputs = concat ? [cat!, fLast, bLast, .. fStates, .. bStates] : [fSeq!, bSeq!, fLast, bLast, .. fStates, .. bStates];
            var saved = new Saved(fDir, bDir, mask is null ? null : maskData, concat, stateCount);
            Autograd.RecordMany("BidirectionalSequence", outputs, static (node, g) => Backward(node, g), all, saved);
        }
        return new BidirectionalResult(cat, fSeq, bSeq, fLast, bLast, fStates, bStates);
    }

    /// <summary>
    /// How each direction runs inside the op: single-threaded (the two share the cores), aligned to input time, and in a
    /// concat the backward half at column <paramref name="units"/> of each <c>[2H]</c> row.
    /// </summary>
    internal static SequenceOptions DirectionOptions(in SequenceOptions options, int units, bool reverse, bool concat) => options with
    {
        Reverse = reverse,
        KeepOrder = true,
        OutputTimeStride = concat ? 2 * units : 0,
        OutputOffset = concat && reverse ? units : 0,
        MaxThreads = 1,
    };

    private static Direction Describe(FusedRecurrence.Cell cell, SequenceShape s, Tensor x, DirectionWeights w, List<Tensor> inputs,
        bool reverse, bool concat)
    {
        var options = DirectionOptions(w.Options, s.Units, reverse, concat);
        FusedRecurrence.Validate("BidirectionalSequence", cell, x, w.Kernel, w.RecurrentKernel,
            w.Bias, w.H0, w.C0, null, options with { OutputTimeStride = 0, OutputOffset = 0 });
        return new Direction(cell, s, options, TrainingCache.None, Add(inputs, w.Kernel), Add(inputs, w.RecurrentKernel), Add(inputs, w.Bias),
            Add(inputs, w.H0), Add(inputs, w.C0));
    }

    private static Tensor?[] Backward(GradNode node, Tensor?[] g)
    {
        var sv = (Saved)node.Saved!;
        var inputs = node.Inputs;
        var grads = new Tensor?[inputs.Length];
        Tensor? Want(int index) =>
            index < 0 || !inputs[index].RequiresGrad ? null : grads[index] ??= Tensor.Empty(inputs[index].Dims);

        // Output gradient slots: [seq(s)…, fLast, bLast, fStates…, bStates…].
        int seqCount = sv.Concat ? 1 : 2;
        Tensor? fSeqG = g[0], bSeqG = sv.Concat ? g[0] : g[1];
        Tensor? fLastG = g[seqCount], bLastG = g[seqCount + 1];
        var fStateG = g.Skip(seqCount + 2).Take(sv.States).ToArray();
        var bStateG = g.Skip(seqCount + 2 + sv.States).Take(sv.States).ToArray();

        // Each direction accumulates its input gradient separately, from zeros it clears on its own core; the two are added
        // afterwards (no shared writes).
        var x = inputs[0];
        Tensor? dxF = x.RequiresGrad ? Tensor.Uninitialized(x.Dims) : null, dxB = x.RequiresGrad ? Tensor.Uninitialized(x.Dims) : null;
        var f = sv.Forward;
        var b = sv.Backward;
        Tensor? fk = Want(f.Kernel), frk = Want(f.RecurrentKernel), fb = Want(f.Bias), fh = Want(f.H0), fc = Want(f.C0);
        Tensor? bk = Want(b.Kernel), brk = Want(b.RecurrentKernel), bb = Want(b.Bias), bh = Want(b.H0), bc = Want(b.C0);
        float[] mask = sv.Mask ?? [];
        TrainingCache fCache = f.Cache.IsAvailable ? f.Cache : Recompute(f, inputs, mask, sv.Concat),
            bCache = b.Cache.IsAvailable ? b.Cache : Recompute(b, inputs, mask, sv.Concat);
        Parallelism.Invoke2(
            () => Direction(f, fCache, fSeqG, fLastG, fStateG, dxF, fk, frk, fb, fh, fc),
            () => Direction(b, bCache, bSeqG, bLastG, bStateG, dxB, bk, brk, bb, bh, bc));
        void Direction(Direction d, TrainingCache cache, Tensor? seqG, Tensor? lastG, Tensor?[] stateG, Tensor? dx,
            Tensor? dKernel, Tensor? dRecurrentKernel, Tensor? dBias, Tensor? dh0, Tensor? dc0)
        {
            dx?.Span.Clear();
            FusedRecurrence.BackwardDirection(d.Cell, d.Shape, d.Options, x, inputs[d.Kernel], inputs[d.RecurrentKernel], mask, cache.Span,
                seqG, lastG, stateG, dx, dKernel, dRecurrentKernel, dBias, dh0, dc0);
        }

        // The caches have been read: back to the pool for the next training call (a second backward recomputes them).
        fCache.Release();
        bCache.Release();
        f.Cache.Release();
        b.Cache.Release();
        if (dxF is not null)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dxF.AsReadOnlySpan(), dxB!.AsReadOnlySpan(), dxF.AsSpan());
            grads[0] = dxF;
        }
        return grads;
    }

    /// <summary>A second backward through the node: re-run one direction's forward (into throw-away outputs) to rebuild its cache.</summary>
    private static TrainingCache Recompute(Direction d, Tensor[] inputs, float[] mask, bool concat)
    {
        int B = d.Shape.Batch, T = d.Shape.Time, H = d.Shape.Units;
        var cache = TrainingCache.Rent(FusedRecurrence.CacheSize(d.Cell, d.Shape));
        var outputs = Tensor.Empty(concat ? [B, T, 2 * H] : [B, T, H]);
        FusedRecurrence.Forward(d.Cell, d.Shape, d.Options, inputs[0], inputs[d.Kernel], inputs[d.RecurrentKernel], At(inputs, d.Bias),
            At(inputs, d.H0), At(inputs, d.C0), mask, outputs, Tensor.Empty([B, H]), NewStates(d.Cell == FusedRecurrence.Cell.Lstm ? 2 : 1, B, H),
            cache.Span);
        return cache;
    }

    private static Tensor[] NewStates(int count, int b, int h) => count == 2 ? [Tensor.Empty([b, h]), Tensor.Empty([b, h])] : [Tensor.Empty([b, h])];

    private static Tensor? At(Tensor[] all, int index) => index < 0 ? null : all[index];

    private static int Add(List<Tensor> inputs, Tensor? t)
    {
        if (t is null) return -1;
        inputs.Add(t);
        return inputs.Count - 1;
    }
}
