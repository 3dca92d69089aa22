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
    private sealed record Saved(Cell Cell, SequenceShape Shape, SequenceOptions Options, float[] Cache, float[]? Mask,
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

        var outputs = Tensor.Empty([B, s.Time, H]);
        var last = Tensor.Empty([B, H]);
        var states = cell == Cell.Lstm ? new[] { Tensor.Empty([B, H]), Tensor.Empty([B, H]) } : [Tensor.Empty([B, H])];
        var cache = record ? new float[CacheSize(cell, s)] : [];
        ReadOnlySpan<float> b = bias is null ? default : bias.AsReadOnlySpan(), hi = h0 is null ? default : h0.AsReadOnlySpan();
        ReadOnlySpan<float> m = mask is null ? default : mask.AsReadOnlySpan();
        switch (cell)
        {
            case Cell.Lstm:
                LstmSequence.Forward(s, options, x.AsReadOnlySpan(), kernel.AsReadOnlySpan(), recurrentKernel.AsReadOnlySpan(), b, hi,
                    c0 is null ? default : c0.AsReadOnlySpan(), m, outputs.Span, last.Span, states[0].Span, states[1].Span, cache);
                break;
            case Cell.Gru:
                GruSequence.Forward(s, options, x.AsReadOnlySpan(), kernel.AsReadOnlySpan(), recurrentKernel.AsReadOnlySpan(), b, hi, m,
                    outputs.Span, last.Span, states[0].Span, cache);
                break;
            default:
                SimpleRnnSequence.Forward(s, options, x.AsReadOnlySpan(), kernel.AsReadOnlySpan(), recurrentKernel.AsReadOnlySpan(), b, hi, m,
                    outputs.Span, last.Span, states[0].Span, cache);
                break;
        }
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

    private static int CacheSize(Cell cell, in SequenceShape s) => cell switch
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
        Span<float> Want(int index)
        {
            if (index < 0 || !inputs[index].RequiresGrad) return default;
            grads[index] = Tensor.Empty(inputs[index].Dims);
            return grads[index]!.Span;
        }
        static ReadOnlySpan<float> Of(Tensor? t) => t is null ? default : t.AsReadOnlySpan();

        var s = sv.Shape;
        ReadOnlySpan<float> x = inputs[0].AsReadOnlySpan(), k = inputs[1].AsReadOnlySpan(), rk = inputs[2].AsReadOnlySpan(), m = sv.Mask;
        Span<float> dx = Want(0), dk = Want(1), drk = Want(2), db = Want(sv.BiasIndex), dh0 = Want(sv.H0Index);
        switch (sv.Cell)
        {
            case Cell.Lstm:
                LstmSequence.Backward(s, sv.Options, x, k, rk, m, sv.Cache, Of(g[0]), Of(g[1]), Of(g[2]), Of(g[3]),
                    dx, dk, drk, db, dh0, Want(sv.C0Index));
                break;
            case Cell.Gru:
                GruSequence.Backward(s, sv.Options, x, k, rk, m, sv.Cache, Of(g[0]), Of(g[1]), Of(g[2]), dx, dk, drk, db, dh0);
                break;
            default:
                SimpleRnnSequence.Backward(s, sv.Options, x, k, rk, m, sv.Cache, Of(g[0]), Of(g[1]), Of(g[2]), dx, dk, drk, db, dh0);
                break;
        }
        return grads;
    }

    private static SequenceShape Validate(string op, Cell cell, Tensor x, Tensor kernel, Tensor rk, Tensor? bias, Tensor? h0, Tensor? c0,
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
