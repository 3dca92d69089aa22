using Recur.Layers;

namespace Recur.Models;

public partial class Model
{
    private PlanCache? _planCache;

    /// <summary>The inference plan made for one sample shape; a null plan means the layer path for that shape.</summary>
    private sealed record PlanCache(int[] SampleShape, InferencePlan? Plan);

    /// <summary>Outputs for all samples, computed in batches without gradients. Keras: <c>model.predict</c>.</summary>
    /// <remarks>
    /// A model that applies a chain of layers which all have an inference stage (built-in recurrent layers on their fused
    /// kernels, <see cref="Bidirectional"/> over them, <see cref="Dense"/>, <see cref="Activation"/>,
    /// <see cref="Dropout"/>) runs an <see cref="InferencePlan"/>: after warm-up a call allocates only the returned tensor,
    /// and the numbers are those of the layer path. Any other model runs its layers batch by batch.
    /// </remarks>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        int n = RequireInput(x, batchSize);
        if (InferencePlanFor(x) is { } plan) return plan.Predict(x, batchSize);
        using var _ = Autograd.NoGrad();
        // Detached: the layer path never sees a mask the caller's tensor carries, whatever the batching.
        if (n <= batchSize) return Invoke([x.Detach()], new CallOptions { Training = false })[0];
        Tensor? y = null;
        for (int start = 0; start < n; start += batchSize)
            y = Place(y, Invoke([Batches.Slice(x, start, Math.Min(batchSize, n - start))], new CallOptions { Training = false })[0], n, start);
        return y!;
    }

    /// <summary>
    /// As <see cref="Predict(Tensor, int)"/>, writing the outputs into <paramref name="destination"/>, which must have the
    /// shape of the outputs (<c>[samples, ..]</c>) and must not share <paramref name="x"/>'s data. For repeated inference
    /// into one buffer: a model that <see cref="Predict(Tensor, int)"/> runs without its layers (a chain of layers that all
    /// have an inference stage) then allocates nothing per call; any other model computes the outputs as
    /// <see cref="Predict(Tensor, int)"/> does and copies them. When the call throws, <paramref name="destination"/> is unchanged.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> holds no samples, or <paramref name="destination"/> shares
    /// <paramref name="x"/>'s data or is itself part of a gradient graph (<see cref="Tensor.RequiresGrad"/> or an op's result).</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="destination"/> does not have the shape of the outputs.</exception>
    public void Predict(Tensor x, Tensor destination, int batchSize = 32)
    {
        int n = RequireInput(x, batchSize);
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(x.Data, destination.Data))
            throw new ArgumentException($"Predict: model '{Name}' cannot write its outputs over its inputs; destination shares x's data.", nameof(destination));
        RequireDetached(destination);
        if (InferencePlanFor(x) is { } plan)
        {
            RequireDestination(destination, n, plan.OutputShape);
            plan.Predict(x, destination, batchSize);
            return;
        }
        var y = Predict(x, batchSize);
        RequireDestination(destination, n, y.Dims.AsSpan(1));
        y.AsReadOnlySpan().CopyTo(destination.AsSpan());
    }

    private void RequireDestination(Tensor destination, int samples, ReadOnlySpan<int> sampleShape)
    {
        if (destination.Rank != sampleShape.Length + 1 || destination.Dims[0] != samples || !destination.Dims.AsSpan(1).SequenceEqual(sampleShape))
            throw new ShapeMismatchException(
                $"Predict: model '{Name}' expected a destination of shape {Shapes.Format([samples, .. sampleShape])}; received {Shapes.Format(destination.Dims)}.");
    }

    // A tensor that is itself a graph leaf or an op's result may be read again by a backward pass; overwriting it would
    // change values the graph still needs. (A plain tensor that some op merely read cannot be told apart.)
    private void RequireDetached(Tensor destination)
    {
        if (destination.RequiresGrad || destination.Node is not null)
            throw new ArgumentException($"Predict: model '{Name}' cannot write its outputs into a tensor that is part of a gradient graph (RequiresGrad, or the result of a recorded op); pass a plain tensor.", nameof(destination));
    }

    /// <summary>
    /// Outputs of a model with several inputs and/or outputs, in batches without gradients; one tensor per model output.
    /// Keras: <c>model.predict([x1, x2])</c>.
    /// </summary>
    public IReadOnlyList<Tensor> Predict(IReadOnlyList<Tensor> inputs, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException($"Predict: model '{Name}' expected at least one input; received none.", nameof(inputs));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Predict: batch_size must be positive; received {batchSize}.");
        int n = RequireSamples(inputs[0], "input 0");
        for (int i = 1; i < inputs.Count; i++)
            if (inputs[i].Dim(0) != n)
                throw new ArgumentException($"Predict: model '{Name}' expected every input to have {n} samples (input 0); input {i} has {inputs[i].Dim(0)}.", nameof(inputs));
        if (inputs.Count == 1 && InferencePlanFor(inputs[0]) is { } plan) return [plan.Predict(inputs[0], batchSize)];
        using var _ = Autograd.NoGrad();
        if (n <= batchSize) return Invoke([.. inputs.Select(x => x.Detach())], new CallOptions { Training = false });
        Tensor?[] ys = [];
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            var outputs = Invoke([.. inputs.Select(x => Batches.Slice(x, start, count))], new CallOptions { Training = false });
            if (ys.Length == 0) ys = new Tensor?[outputs.Count];
            for (int o = 0; o < outputs.Count; o++) ys[o] = Place(ys[o], outputs[o], n, start);
        }
        return [.. ys.Select(t => t!)];
    }

    /// <summary>Outputs for one batch in inference mode. Keras: <c>model.predict_on_batch</c>.</summary>
    /// <remarks>Runs the <see cref="InferencePlan"/> as <see cref="Predict(Tensor, int)"/> does, unless <paramref name="x"/>
    /// carries a mask (<see cref="Tensor.KerasMask"/>), which only the layer path applies.</remarks>
    public Tensor PredictOnBatch(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.KerasMask is null && x.Rank > 0 && x.Dims[0] > 0 && InferencePlanFor(x) is { } plan) return plan.Predict(x, x.Dims[0]);
        using var _ = Autograd.NoGrad();
        return Invoke([x], new CallOptions { Training = false })[0];
    }

    // The single-input Predict overloads' checks: x given, a positive batch size, at least one sample; returns the sample count.
    private int RequireInput(Tensor x, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Predict: batch_size must be positive; received {batchSize}.");
        return RequireSamples(x, "x");
    }

    private int RequireSamples(Tensor x, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0 || x.Dims[0] == 0)
            throw new ArgumentException($"Predict: model '{Name}' expected {what} to hold at least one sample (axis 0); received shape {Shapes.Format(x.Dims)}.");
        return x.Dims[0];
    }

    // One batch's output goes into rows [start, start + batch) of the full result, made from the first batch's sample shape.
    private Tensor Place(Tensor? all, Tensor part, int n, int start)
    {
        all ??= Tensor.Empty([n, .. part.Dims.AsSpan(1)]);
        if (part.Rank != all.Rank || !part.Dims.AsSpan(1).SequenceEqual(all.Dims.AsSpan(1)))
            throw new ShapeMismatchException(
                $"Predict: model '{Name}' returned batches of different sample shapes: {Shapes.Format(all.Dims)} (all samples) and {Shapes.Format(part.Dims)}.");
        part.AsReadOnlySpan().CopyTo(all.AsSpan()[(start * (all.Size / n))..]);
        return all;
    }

    /// <summary>
    /// The inference plan for samples shaped like <paramref name="x"/>'s, made on first use for each sample shape; null when
    /// the model is not such a chain, a layer has no stage, the samples do not fit the model's input, or the tests force a
    /// recurrent path (<see cref="RnnPaths"/>).
    /// </summary>
    internal InferencePlan? InferencePlanFor(Tensor x)
    {
        if (x.Rank == 0 || RnnPaths.ForceGenericLoop || RnnPaths.ForceTwoPass) return null;
        var cache = Volatile.Read(ref _planCache);
        if (cache is null || !x.Dims.AsSpan(1).SequenceEqual(cache.SampleShape))
        {
            var sample = x.Dims[1..];
            var plan = Inputs.Count == 1 && Fits(Inputs[0].Shape, sample) && LayerChain() is { } chain ? InferencePlan.TryCreate(chain, sample, out _) : null;
            Volatile.Write(ref _planCache, cache = new PlanCache(sample, plan));
        }
        return cache.Plan;

        // The model's input check: same rank, every known dimension equal.
        static bool Fits(int?[] expected, int[] sample) =>
            expected.Length == sample.Length + 1 && expected.Skip(1).Zip(sample).All(p => p.First is null || p.First == p.Second);
    }

    /// <summary>Drops the inference plan; the graph changed.</summary>
    private protected void ForgetInferencePlan() => Volatile.Write(ref _planCache, null);

    /// <summary>
    /// The layers the model applies one after the other to its one input to give its one output, or null for any other
    /// graph (several inputs or outputs, branches, merges, initial-state inputs) and for a subclass, whose call may differ.
    /// </summary>
    private protected virtual IReadOnlyList<Layer>? LayerChain()
    {
        if (GetType() != typeof(Model) || Inputs.Count != 1 || Outputs.Count != 1) return null;
        var layers = new List<Layer>();
        SymbolicTensor current = Inputs[0];
        foreach (var node in _nodes)
        {
            if (node.Inputs.Count == 0) continue;   // the input layer
            if (node.Inputs.Count != 1 || node.StateInputs != 0 || node.Outputs.Count != 1 || !ReferenceEquals(node.Inputs[0], current)) return null;
            layers.Add(node.Layer);
            current = node.Outputs[0];
        }
        return ReferenceEquals(current, Outputs[0]) ? layers : null;
    }
}
