using System.Numerics;
using Recur.Layers;
using Recur.Models;

namespace Recur.Bench;

/// <summary>One benchmark cell ready to time: the call, its shape and how it was set up.</summary>
internal sealed record RnnCase(RnnWorkload Workload, string Mode, string Cell, int Batch, int Layers, Action Call, Dictionary<string, object> Details);

/// <summary>
/// Builds the Recur equivalent of the anchors' models (torch_rnn.py, onednn/rnn_bench.cpp). Model creation, weight
/// initialisation and data generation happen here, outside the timed call.
/// </summary>
internal static class RnnCases
{
    public const float LearningRate = 1e-3f;

    /// <summary>The Keras layer for an anchor cell name (gru = reset_after true, gru_v1 = reset_after false).</summary>
    public static Layer CellLayer(string cell, int units, bool returnSequences) => cell switch
    {
        "lstm" => new Lstm(units, returnSequences: returnSequences),
        "gru" => new Gru(units, returnSequences: returnSequences, resetAfter: true),
        "gru_v1" => new Gru(units, returnSequences: returnSequences, resetAfter: false),
        "rnn" => new SimpleRnn(units, returnSequences: returnSequences),
        _ => throw new ArgumentException($"unknown cell '{cell}' (lstm, gru, gru_v1, rnn)"),
    };

    /// <summary>
    /// W1–W4, W2var: one <c>Bidirectional(cell(H, return_sequences=True))</c> with concat merge on <c>[B, T, D]</c>.
    /// infer: forward under <see cref="Autograd.NoGrad"/> → <c>[B, T, 2H]</c>. train: zero grads, forward (training), MSE
    /// against a fixed random <c>[B, T, 2H]</c> target (mask-weighted for W2var, as Keras does), backward, plain SGD.
    /// </summary>
    /// <remarks>
    /// With <paramref name="fusedOp"/> the same layer's weights go straight to <see cref="Ops.BidirectionalSequence"/> (the
    /// fused two-direction op the layer is meant to call once it is wired), instead of <see cref="Layer.Apply"/>; loss,
    /// backward and SGD are unchanged. That measures the op, not the layer, and is labelled so.
    /// </remarks>
    public static RnnCase Layer(RnnWorkload w, string mode, string cell, int seed, bool fusedOp = false)
    {
        var rng = new Random(seed);
        var layer = new Bidirectional(CellLayer(cell, w.H, returnSequences: true));
        layer.Build([w.B, w.T, w.D]);
        var x = Normal(rng, w.B, w.T, w.D);
        Tensor? mask = w.Lengths is { } lengths ? Mask(lengths, w.T) : null;
        var details = new Dictionary<string, object> { ["model"] = $"Bidirectional({CellName(cell)}({w.H}, return_sequences=True)), concat" };
        Func<Tensor, Tensor?, bool, Tensor> forward;
        if (fusedOp)
        {
            var fusedCell = cell switch { "lstm" => FusedCell.Lstm, "rnn" => FusedCell.SimpleRnn, _ => FusedCell.Gru };
            // Bidirectional sets zero_output_for_mask = return_sequences on both directions (Keras), so masked steps are zeros.
            var options = new Kernels.Recurrent.SequenceOptions { ResetAfter = cell != "gru_v1", ZeroOutputForMask = true };
            DirectionWeights Weights(Layer direction)
            {
                var v = direction.TrainableWeights; // kernel, recurrent_kernel, bias
                return new DirectionWeights(v[0].Value, v[1].Value, v[2].Value, null, null, options);
            }
            var (fw, bw) = (Weights(layer.ForwardLayer), Weights(layer.BackwardLayer));
            forward = (input, m, _) => Ops.BidirectionalSequence(fusedCell, input, fw, bw, m).Concat!;
            details["path"] = "Ops.BidirectionalSequence (fused op on the layer's weights; not the layer's own call path)";
        }
        else
        {
            forward = (input, m, training) => layer.Apply(input, m, training);
            details["path"] = layer.TryFuse(x, new CallOptions { Mask = mask, Training = mode == "train" }, out var whyNot) is null
                ? $"two-pass (Bidirectional.TryFuse: {whyNot})" : "fused (one BidirectionalSequence node)";
        }
        if (mask is not null)
        {
            // Zero the padded steps too, so that they carry no information (Keras Masking would see them as padding).
            ZeroPadding(x, w.Lengths!, w.D);
            details["padding"] = "right-padded, explicit [B, T] mask given to Bidirectional; Keras masking semantics, padded steps skipped (packed layout: rows sorted by length); masked MSE";
            details["mask_check_max_abs_diff"] = CheckMask(forward, x, mask, w);
        }

        if (mode == "infer")
        {
            details["step"] = "forward under Autograd.NoGrad";
            return new RnnCase(w, mode, cell, w.B, 1, () =>
            {
                using (Autograd.NoGrad()) GC.KeepAlive(forward(x, mask, false));
            }, details);
        }

        var target = Normal(rng, w.B, w.T, 2 * w.H);
        var loss = new MeanSquaredError();
        var weights = layer.TrainableWeights;
        details["step"] = "zero grads + forward(training) + MSE + Backward + SGD(lr=1e-3) over TrainableWeights";
        return new RnnCase(w, mode, cell, w.B, 1, () =>
        {
            foreach (var v in weights) v.Value.ZeroGrad();
            var y = forward(x, mask, true);
            loss.Compute(target, y, mask).Backward();
            foreach (var v in weights)
            {
                if (v.Value.Grad is { } g) SgdUpdate(v.Value.AsSpan(), g.AsReadOnlySpan(), LearningRate);
                v.Value.ZeroGrad();
                v.MarkChanged();
            }
        }, details);
    }

    /// <summary>
    /// W5, the Keras Bidirectional doc example: <c>Bidirectional(LSTM(10, return_sequences=True)) → Bidirectional(LSTM(10))
    /// → Dense(5, softmax)</c>. infer: <c>Predict</c> on the batch (B = 32); predict_b1: <c>Predict</c> of one sample;
    /// train: <c>TrainOnBatch</c> with categorical cross-entropy and RMSprop(lr 1e-3, rho 0.9, eps 1e-7).
    /// </summary>
    public static RnnCase DocModel(RnnWorkload w, string mode, int seed)
    {
        var rng = new Random(seed);
        int batch = mode == "predict_b1" ? 1 : w.B;
        var model = new Sequential(new Input(shape: [w.T, w.D]), new Bidirectional(new Lstm(w.H, returnSequences: true)),
            new Bidirectional(new Lstm(w.H)), new Dense(w.Classes, activation: "softmax"));
        var x = Normal(rng, batch, w.T, w.D);
        var details = new Dictionary<string, object> { ["model"] = "Sequential: Bidirectional(LSTM(10, return_sequences=True)) -> Bidirectional(LSTM(10)) -> Dense(5, softmax)" };
        if (mode != "train")
        {
            details["step"] = $"Model.Predict(x, batchSize: {batch})";
            details["into_destination_allocated_bytes_per_call"] = IntoDestinationAllocation(model, x, batch);
            return new RnnCase(w, mode, "lstm", batch, 2, () => GC.KeepAlive(model.Predict(x, batchSize: batch)), details);
        }
        var labels = new float[batch * w.Classes];
        for (int b = 0; b < batch; b++) labels[b * w.Classes + b % w.Classes] = 1f;
        var y = new Tensor(labels, batch, w.Classes);
        model.Compile(new RmsProp(learningRate: LearningRate, rho: 0.9f, epsilon: 1e-7f), new CategoricalCrossentropy());
        details["step"] = "Model.TrainOnBatch (categorical_crossentropy, RMSprop lr=1e-3 rho=0.9 eps=1e-7)";
        return new RnnCase(w, mode, "lstm", batch, 2, () => GC.KeepAlive(model.TrainOnBatch(x, y)), details);
    }

    /// <summary>
    /// Outside timing: the managed bytes per call of <c>Model.Predict(x, destination)</c>, the overload for repeated inference
    /// into one buffer (fewest over five rounds of 20 calls, after 50 warm-up calls).
    /// </summary>
    private static long IntoDestinationAllocation(Model model, Tensor x, int batch)
    {
        var destination = model.Predict(x, batchSize: batch);
        for (int i = 0; i < 50; i++) model.Predict(x, destination, batch);
        long best = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 20; i++) model.Predict(x, destination, batch);
            best = Math.Min(best, (GC.GetTotalAllocatedBytes(precise: true) - before) / 20);
        }
        return best;
    }

    private static string CellName(string cell) => cell switch
    {
        "lstm" => "LSTM",
        "gru" => "GRU[reset_after=True]",
        "gru_v1" => "GRU[reset_after=False]",
        _ => "SimpleRNN",
    };

    private static void SgdUpdate(Span<float> w, ReadOnlySpan<float> g, float lr)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vw = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(w);
            var vg = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(g);
            for (int k = 0; k < vw.Length; k++) vw[k] -= vg[k] * lr;
            i = vw.Length * Vector<float>.Count;
        }
        for (; i < w.Length; i++) w[i] -= g[i] * lr;
    }

    private static Tensor Normal(Random rng, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return new Tensor(data, shape);
    }

    private static Tensor Mask(int[] lengths, int steps)
    {
        var m = new float[lengths.Length * steps];
        for (int b = 0; b < lengths.Length; b++)
            for (int t = 0; t < lengths[b]; t++) m[b * steps + t] = 1f;
        return new Tensor(m, lengths.Length, steps);
    }

    private static void ZeroPadding(Tensor x, int[] lengths, int features)
    {
        var s = x.AsSpan();
        int steps = s.Length / (lengths.Length * features);
        for (int b = 0; b < lengths.Length; b++) s.Slice((b * steps + lengths[b]) * features, (steps - lengths[b]) * features).Clear();
    }

    /// <summary>
    /// Outside timing: the masked batch output at the valid steps of each sequence must equal running that sequence alone,
    /// truncated to its length, and the padded steps must be zeros. Returns the largest deviation; throws beyond 1e-4.
    /// </summary>
    private static double CheckMask(Func<Tensor, Tensor?, bool, Tensor> forward, Tensor x, Tensor mask, RnnWorkload w)
    {
        using var _ = Autograd.NoGrad();
        var y = forward(x, mask, false).AsReadOnlySpan();
        var xs = x.AsReadOnlySpan();
        int width = 2 * w.H;
        double worst = 0;
        for (int b = 0; b < w.B; b++)
        {
            int len = w.Lengths![b];
            var alone = new Tensor(xs.Slice(b * w.T * w.D, len * w.D).ToArray(), 1, len, w.D);
            var ya = forward(alone, null, false).AsReadOnlySpan();
            for (int i = 0; i < len * width; i++) worst = Math.Max(worst, Math.Abs(ya[i] - y[b * w.T * width + i]));
            for (int i = len * width; i < w.T * width; i++) worst = Math.Max(worst, Math.Abs(y[b * w.T * width + i]));
        }
        if (worst > 1e-4)
            throw new InvalidOperationException($"{w.Name}: masked output differs from the per-sequence run by {worst:G3} (> 1e-4)");
        return worst;
    }
}
