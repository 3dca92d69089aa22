using Recur.Kernels.Recurrent;

namespace Recur;

/// <summary>
/// Runs a fused recurrent kernel on tensors and records it as one multi-output node (outputs, last output, states),
/// keeping the kernel's training cache only when something will be differentiated.
/// </summary>
internal static class FusedRecurrence
{
    public enum Cell { Lstm, Gru, SimpleRnn }

    /// <summary>What the backward needs besides the node's inputs.</summary>
    private sealed record Saved(Cell Cell, SequenceShape Shape, SequenceOptions Options, TrainingCache Cache, float[]? Mask,
        int BiasIndex, int H0Index, int C0Index);

    public static RecurrentResult Run(string op, Cell cell, Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias,
        Tensor? h0, Tensor? c0, Tensor? mask, SequenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(recurrentKernel);
        var s = Validate(op, cell, x, kernel, recurrentKernel, bias, h0, c0, mask, options);
        int B = s.Batch, H = s.Units;

        var inputs = new List<Tensor>(6) { x, kernel, recurrentKernel };
        int biasIndex = Add(inputs, bias), h0Index = Add(inputs, h0), c0Index = Add(inputs, c0);
        bool record = Autograd.ShouldRecord(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs));

        var outputs = Tensor.Uninitialized([B, s.Time, H]); // the kernels write every step of every row
        var last = Tensor.Empty([B, H]);
        var states = cell == Cell.Lstm ? new[] { Tensor.Empty([B, H]), Tensor.Empty([B, H]) } : [Tensor.Empty([B, H])];
        var cache = record ? TrainingCache.Rent(CacheSize(cell, s)) : TrainingCache.None;
        Forward(cell, s, options, x, kernel, recurrentKernel, bias, h0, c0, mask is null ? [] : mask.AsReadOnlySpan(), outputs, last, states, cache.Span);
        if (record)
        {
            var saved = new Saved(cell, s, options, cache, mask?.ToArray(), biasIndex, h0Index, c0Index);
            Autograd.RecordMany(op, [outputs, last, .. states], static (node, g) => Backward(node, g), [.. inputs], saved);
        }
        return new RecurrentResult(outputs, last, states);
    }

    private static int Add(List<Tensor> inputs, Tensor? t)
    {
        if (t is null) return -1;
        inputs.Add(t);
        return inputs.Count - 1;
    }

    /// <summary>One direction's forward into the given output tensors (whose layout <paramref name="options"/> describes).</summary>
    public static void Forward(Cell cell, in SequenceShape s, in SequenceOptions options, Tensor x, Tensor kernel, Tensor recurrentKernel,
        Tensor? bias, Tensor? h0, Tensor? c0, ReadOnlySpan<float> m, Tensor outputs, Tensor last, Tensor[] states, Span<float> cache) =>
        Forward(cell, s, options, x.AsReadOnlySpan(), kernel.AsReadOnlySpan(), recurrentKernel.AsReadOnlySpan(), Of(bias), Of(h0), Of(c0), m,
            outputs.Span, last.Span, states[0].Span, states.Length > 1 ? states[1].Span : default, cache);

    /// <summary>
    /// One direction's forward on spans: empty <paramref name="bias"/>, <paramref name="h0"/>, <paramref name="c0"/> and
    /// <paramref name="m"/> mean none (zeros, no mask); empty outputs, <paramref name="last"/>, <paramref name="hT"/>,
    /// <paramref name="cT"/> and <paramref name="cache"/> are not wanted.
    /// </summary>
    public static void Forward(Cell cell, in SequenceShape s, in SequenceOptions options, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> m,
        Span<float> outputs, Span<float> last, Span<float> hT, Span<float> cT, Span<float> cache)
    {
        switch (cell)
        {
            case Cell.Lstm:
                LstmSequence.Forward(s, options, x, kernel, recurrentKernel, bias, h0, c0, m, outputs, last, hT, cT, cache);
                break;
            case Cell.Gru:
                GruSequence.Forward(s, options, x, kernel, recurrentKernel, bias, h0, m, outputs, last, hT, cache);
                break;
            default:
                SimpleRnnSequence.Forward(s, options, x, kernel, recurrentKernel, bias, h0, m, outputs, last, hT, cache);
                break;
        }
    }

    /// <summary>One direction's backward: accumulates into every gradient tensor that is not null.</summary>
    public static void BackwardDirection(Cell cell, in SequenceShape s, in SequenceOptions options, Tensor x, Tensor kernel,
        Tensor recurrentKernel, ReadOnlySpan<float> m, ReadOnlySpan<float> cache, Tensor? dOutputs, Tensor? dLast, Tensor?[] dStates,
        Tensor? dx, Tensor? dk, Tensor? drk, Tensor? db, Tensor? dh0, Tensor? dc0)
    {
        ReadOnlySpan<float> xs = x.AsReadOnlySpan(), k = kernel.AsReadOnlySpan(), rk = recurrentKernel.AsReadOnlySpan();
        switch (cell)
        {
            case Cell.Lstm:
                LstmSequence.Backward(s, options, xs, k, rk, m, cache, Of(dOutputs), Of(dLast), Of(dStates[0]), Of(dStates[1]),
                    Span(dx), Span(dk), Span(drk), Span(db), Span(dh0), Span(dc0));
                break;
            case Cell.Gru:
                GruSequence.Backward(s, options, xs, k, rk, m, cache, Of(dOutputs), Of(dLast), Of(dStates[0]),
                    Span(dx), Span(dk), Span(drk), Span(db), Span(dh0));
                break;
            default:
                SimpleRnnSequence.Backward(s, options, xs, k, rk, m, cache, Of(dOutputs), Of(dLast), Of(dStates[0]),
                    Span(dx), Span(dk), Span(drk), Span(db), Span(dh0));
                break;
        }
    }

    private static ReadOnlySpan<float> Of(Tensor? t) => t is null ? default : t.AsReadOnlySpan();

    private static Span<float> Span(Tensor? t) => t is null ? default : t.AsSpan();

    internal static int CacheSize(Cell cell, in SequenceShape s) => cell switch
    {
        Cell.Lstm => LstmSequence.CacheSize(s),
        Cell.Gru => GruSequence.CacheSize(s),
        _ => SimpleRnnSequence.CacheSize(s),
    };

    /// <summary>Gradients for every input that requires one, from whichever of outputs, last output and states received one.</summary>
    private static Tensor?[] Backward(GradNode node, Tensor?[] g)
    {
        var sv = (Saved)node.Saved!;
        var inputs = node.Inputs;
        var grads = new Tensor?[inputs.Length];
        Tensor? Grad(int index) => index < 0 || !inputs[index].RequiresGrad ? null : grads[index] = Tensor.Empty(inputs[index].Dims);
        var dStates = sv.Cell == Cell.Lstm ? new[] { g[2], g[3] } : new[] { g[2] };
        var cache = sv.Cache.IsAvailable ? sv.Cache : Recompute(sv, inputs);
        BackwardDirection(sv.Cell, sv.Shape, sv.Options, inputs[0], inputs[1], inputs[2], sv.Mask, cache.Span, g[0], g[1], dStates,
            Grad(0), Grad(1), Grad(2), Grad(sv.BiasIndex), Grad(sv.H0Index), Grad(sv.C0Index));
        cache.Release();
        sv.Cache.Release();
        return grads;
    }

    /// <summary>A second backward through the node: its cache went back to the pool after the first, so run the forward again.</summary>
    private static TrainingCache Recompute(Saved sv, Tensor[] inputs)
    {
        int B = sv.Shape.Batch, H = sv.Shape.Units;
        var cache = TrainingCache.Rent(CacheSize(sv.Cell, sv.Shape));
        Tensor? At(int index) => index < 0 ? null : inputs[index];
        var states = sv.Cell == Cell.Lstm ? new[] { Tensor.Empty([B, H]), Tensor.Empty([B, H]) } : [Tensor.Empty([B, H])];
        Forward(sv.Cell, sv.Shape, sv.Options, inputs[0], inputs[1], inputs[2], At(sv.BiasIndex), At(sv.H0Index), At(sv.C0Index), sv.Mask,
            Tensor.Empty([B, sv.Shape.Time, H]), Tensor.Empty([B, H]), states, cache.Span);
        return cache;
    }

    internal static SequenceShape Validate(string op, Cell cell, Tensor x, Tensor kernel, Tensor rk, Tensor? bias, Tensor? h0, Tensor? c0,
        Tensor? mask, in SequenceOptions options)
    {
        if (options.OutputTimeStride != 0 || options.OutputOffset != 0)
            throw new ArgumentException($"{op}: OutputTimeStride and OutputOffset are kernel-level layout options; the op always returns a dense [B, T, H] sequence.", nameof(options));
        if (x.Rank != 3) throw new ShapeMismatchException(op, "inputs of rank 3 [batch, time, features]", x.Dims);
        int B = x.Dims[0], T = x.Dims[1], D = x.Dims[2];
        if (rk.Rank != 2) throw new ShapeMismatchException(op, "a recurrent kernel of rank 2 [units, gates·units]", rk.Dims);
        int H = rk.Dims[0], G = (cell switch { Cell.Lstm => 4, Cell.Gru => 3, _ => 1 }) * H;
        Expect(op, "recurrent kernel", [H, G], rk);
        Expect(op, "kernel", [D, G], kernel);
        if (bias is not null) Expect(op, "bias", cell == Cell.Gru && options.ResetAfter ? [2, G] : [G], bias);
        if (h0 is not null) Expect(op, "initial h", [B, H], h0);
        if (c0 is not null)
        {
            if (cell != Cell.Lstm) throw new ArgumentException($"{op}: only LSTM takes an initial cell state.", nameof(c0));
            Expect(op, "initial c", [B, H], c0);
        }
        if (mask is not null) Expect(op, "mask", [B, T], mask);
        return new SequenceShape(B, T, D, H);
    }

    private static void Expect(string op, string what, int[] expected, Tensor t)
    {
        if (!t.Dims.AsSpan().SequenceEqual(expected)) throw new ShapeMismatchException(op, what, expected, t.Dims);
    }
}
