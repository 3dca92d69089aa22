using Recur.Layers;

namespace Recur.Models;

public partial class Model
{
    private List<Metric> _metrics = [];

    /// <summary>The optimizer set by <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss set by <see cref="Compile"/>.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The compiled metrics.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>Set by callbacks to end <c>Fit</c> after the current epoch (or step).</summary>
    public bool StopTraining { get; set; }

    /// <summary>Configures training. Strings resolve as in Keras (<c>"rmsprop"</c>, <c>"categorical_crossentropy"</c>,
    /// <c>"accuracy"</c>, the last resolved against the loss). Keras: <c>model.compile</c>.</summary>
    public void Compile(Optimizer? optimizer = null, Loss? loss = null, IReadOnlyList<Metric>? metrics = null)
    {
        Optimizer = optimizer ?? new RmsProp();
        Loss = loss;
        _metrics = (metrics ?? []).Select(m => m.ResolveFor(loss)).ToList();
    }

    /// <summary>Trains for <paramref name="epochs"/> passes over the data. Keras: <c>model.fit</c>.</summary>
    /// <remarks>Each epoch shuffles the sample order (seeded by <paramref name="seed"/>), runs mini-batches in training mode,
    /// back-propagates the loss plus regularization terms, and updates the weights. <c>validation_split</c> holds out the
    /// last fraction of the samples (before shuffling), as Keras does. The epoch <c>loss</c> is the batch-size-weighted mean.</remarks>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, bool shuffle = true, float validationSplit = 0f,
        (Tensor X, Tensor Y)? validationData = null, IReadOnlyList<Callback>? callbacks = null, int verbose = 1, int? seed = null,
        IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fit([x], y, batchSize, epochs, shuffle, validationSplit, validationData is { } v ? ([v.X], v.Y) : null, callbacks, verbose, seed,
            progress, cancellationToken);
    }

    /// <summary>
    /// Trains a model with several inputs: <paramref name="x"/> holds one tensor per model input, in the order of
    /// <see cref="Model.Inputs"/>, all with the same number of samples. Keras: <c>model.fit([x1, x2], y)</c>.
    /// </summary>
    public History Fit(IReadOnlyList<Tensor> x, Tensor y, int batchSize = 32, int epochs = 1, bool shuffle = true, float validationSplit = 0f,
        (IReadOnlyList<Tensor> X, Tensor Y)? validationData = null, IReadOnlyList<Callback>? callbacks = null, int verbose = 1, int? seed = null,
        IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireCompiled("Fit");
        CheckData(x, y, "Fit");
        if (validationData is { } given) CheckData(given.X, given.Y, "Fit (validation_data)");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Fit: batch_size must be positive; received {batchSize}.");
        if (validationSplit is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(validationSplit), $"Fit: validation_split must be in [0, 1); received {validationSplit}.");
        if (validationData is null && validationSplit > 0f)
        {
            int n = y.Dim(0), train = n - (int)(n * validationSplit);
            var (trainIdx, valIdx) = (Enumerable.Range(0, train).ToArray(), Enumerable.Range(train, n - train).ToArray());
            validationData = (Take(x, valIdx), Batches.Take(y, valIdx));
            (x, y) = (Take(x, trainIdx), Batches.Take(y, trainIdx));
        }
        var cbs = callbacks ?? [];
        bool checkFinite = cbs.Any(c => c is TerminateOnNaN);
        var history = new History();
        var rng = new Random(seed ?? (int)(RandomSeed.Next() & int.MaxValue));
        var order = Enumerable.Range(0, y.Dim(0)).ToArray();
        int steps = (order.Length + batchSize - 1) / batchSize;
        StopTraining = false;
        foreach (var c in cbs) { c.Model = this; c.OnTrainBegin(); }
        var output = verbose == 0 ? TextWriter.Null : Console.Out;
        for (int epoch = 0; epoch < epochs && !StopTraining; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var c in cbs) c.OnEpochBegin(epoch);
            if (verbose > 0) output.WriteLine($"Epoch {epoch + 1}/{epochs}");
            if (shuffle) Batches.Shuffle(order, rng);
            ResetMetrics();
            var bar = new ProgressBar(steps, verbose, output);
            double lossSum = 0;
            int seen = 0;
            var logs = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int step = 0; step < steps && !StopTraining; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var idx = order.AsSpan(step * batchSize, Math.Min(batchSize, order.Length - step * batchSize));
                float loss = TrainStep(Take(x, idx), Batches.Take(y, idx), checkFinite);
                lossSum += (double)loss * idx.Length;
                seen += idx.Length;
                logs = CurrentLogs(lossSum / seen);
                foreach (var c in cbs) c.OnTrainBatchEnd(step, logs);
                bar.Update(step + 1, logs);
            }
            if (validationData is { } v)
                foreach (var (k, val) in Evaluate(v.X, v.Y, batchSize, verbose: 0)) logs["val_" + k] = val;
            bar.Update(steps, logs, final: true);
            history.Record(epoch, logs);
            foreach (var c in cbs) c.OnEpochEnd(epoch, logs);
            progress?.Report(new EpochProgress(epoch, epochs, logs));
        }
        foreach (var c in cbs) c.OnTrainEnd();
        return history;
    }

    /// <summary>One gradient update on one batch; returns the loss and metric values. Keras: <c>model.train_on_batch</c>.</summary>
    public IReadOnlyDictionary<string, double> TrainOnBatch(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return TrainOnBatch([x], y);
    }

    /// <summary>One gradient update for a model with several inputs (one tensor per model input).</summary>
    public IReadOnlyDictionary<string, double> TrainOnBatch(IReadOnlyList<Tensor> x, Tensor y)
    {
        RequireCompiled("TrainOnBatch");
        CheckData(x, y, "TrainOnBatch");
        ResetMetrics();
        return CurrentLogs(TrainStep(x, y, checkFinite: false));
    }

    /// <summary>Loss and metrics over the data, in inference mode. Keras: <c>model.evaluate</c> (returned as named values).</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32, int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Evaluate([x], y, batchSize, verbose);
    }

    /// <summary>Loss and metrics of a model with several inputs (one tensor per model input). Keras: <c>model.evaluate([x1, x2], y)</c>.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<Tensor> x, Tensor y, int batchSize = 32, int verbose = 0)
    {
        RequireCompiled("Evaluate");
        CheckData(x, y, "Evaluate");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Evaluate: batch_size must be positive; received {batchSize}.");
        ResetMetrics();
        using var _ = Autograd.NoGrad();
        double lossSum = 0;
        int n = y.Dim(0);
        var bar = new ProgressBar((n + batchSize - 1) / batchSize, verbose, verbose == 0 ? TextWriter.Null : Console.Out);
        for (int start = 0, step = 1; start < n; start += batchSize, step++)
        {
            int count = Math.Min(batchSize, n - start);
            var xb = new Tensor[x.Count];
            for (int i = 0; i < xb.Length; i++) xb[i] = Batches.Slice(x[i], start, count);
            var yb = Batches.Slice(y, start, count);
            // One input: PredictOnBatch, which takes the inference plan where the model has one (the layer path's numbers).
            var pred = xb.Length == 1 ? PredictOnBatch(xb[0]) : Invoke(xb, new CallOptions { Training = false })[0];
            lossSum += (double)TotalLoss(yb, pred).Item() * count;
            UpdateMetrics(yb, pred);
            bar.Update(step, CurrentLogs(lossSum / (start + count)), final: start + batchSize >= n);
        }
        return CurrentLogs(n == 0 ? 0 : lossSum / n);
    }

    // All gradients are computed (and checked) before any weight changes, so a failed step leaves the model as it was.
    private float TrainStep(IReadOnlyList<Tensor> x, Tensor y, bool checkFinite)
    {
        var weights = TrainableWeights;
        foreach (var w in weights) w.Value.ZeroGrad();
        var pred = Invoke(x, new CallOptions { Training = true })[0];
        var loss = TotalLoss(y, pred);
        float value = loss.Item();
        if (loss.RequiresGrad) loss.Backward();
        var grads = weights.Select(w => w.Value.Grad ?? Tensor.Zeros(w.Shape)).ToList();
        foreach (var w in weights) w.Value.ZeroGrad();
        if (checkFinite && (!float.IsFinite(value) || grads.Any(g => !AllFinite(g))))
        {
            StopTraining = true;
            return float.IsFinite(value) ? float.NaN : value;
        }
        Optimizer!.Apply(grads, weights);
        using (Autograd.NoGrad()) UpdateMetrics(y, pred);
        return value;
    }

    private Tensor TotalLoss(Tensor y, Tensor pred)
    {
        var loss = Loss!.Compute(y, pred, pred.KerasMask);
        foreach (var r in Losses) loss += r;
        return loss;
    }

    private void UpdateMetrics(Tensor y, Tensor pred)
    {
        foreach (var m in _metrics) m.Update(y, pred.Detach(), pred.KerasMask);
    }

    private void ResetMetrics()
    {
        foreach (var m in _metrics) m.Reset();
    }

    private Dictionary<string, double> CurrentLogs(double loss)
    {
        var logs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = loss };
        foreach (var m in _metrics) logs[m.Name] = m.Result();
        return logs;
    }

    private static bool AllFinite(Tensor t)
    {
        foreach (float v in t.AsReadOnlySpan()) if (!float.IsFinite(v)) return false;
        return true;
    }

    private void RequireCompiled(string who)
    {
        if (Optimizer is null || Loss is null)
            throw new InvalidOperationException($"{who}: you must call Compile() with a loss before training or evaluating model '{Name}'.");
    }

    private void CheckData(IReadOnlyList<Tensor> x, Tensor y, string who)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int expected = Math.Max(1, Inputs.Count); // a Sequential has one input, whether or not it was built from an Input
        if (x.Count != expected)
            throw new ArgumentException($"{who}: model '{Name}' expected {expected} input tensor(s), one per model input; received {x.Count}.", nameof(x));
        for (int i = 0; i < x.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(x[i]);
            if (x[i].Rank == 0 || y.Rank == 0 || x[i].Dim(0) != y.Dim(0))
                throw new ArgumentException(
                    $"{who}: x and y must have the same number of samples (axis 0); received x{(x.Count > 1 ? $"[{i}]" : "")} {Shapes.Format(x[i].Shape)} and y {Shapes.Format(y.Shape)}.");
        }
    }

    /// <summary>The samples <paramref name="indices"/> of every input.</summary>
    private static Tensor[] Take(IReadOnlyList<Tensor> x, ReadOnlySpan<int> indices)
    {
        var taken = new Tensor[x.Count];
        for (int i = 0; i < taken.Length; i++) taken[i] = Batches.Take(x[i], indices);
        return taken;
    }
}
