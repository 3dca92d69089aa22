using System.Buffers;
using Recur.Layers;

namespace Recur.Models;

/// <summary>
/// <see cref="Model.Predict(Tensor, int)"/>'s path for a model that applies a chain of layers which all have an inference
/// stage (<see cref="Layer.PlanInference"/>): each batch runs stage by stage through two buffers rented from the shared
/// pool, the last stage writing straight into the returned tensor, so a warmed-up call allocates that tensor and nothing else.
/// </summary>
/// <remarks>
/// The plan is immutable and holds no buffers, so concurrent calls are safe. Its stages hold the layers' weight tensors,
/// which training, <c>SetWeights</c> and weight loading update in place, so every call reads the current values. It runs
/// the layer path's batches with the layer path's kernels, so the outputs are bit-identical to it (tested).
/// </remarks>
internal sealed class InferencePlan
{
    private readonly InferenceStage[] _stages;
    private readonly int _inputSize, _outputSize, _largestIntermediate;

    private InferencePlan(int[] inputShape, int[] outputShape, InferenceStage[] stages)
    {
        (InputShape, OutputShape, _stages) = (inputShape, outputShape, stages);
        _inputSize = Shapes.Size(inputShape);
        _outputSize = Shapes.Size(outputShape);
        for (int i = 0; i < stages.Length - 1; i++) _largestIntermediate = Math.Max(_largestIntermediate, stages[i].OutputSize);
    }

    /// <summary>The shape of one input sample.</summary>
    public int[] InputShape { get; }

    /// <summary>The shape of one output sample.</summary>
    public int[] OutputShape { get; }

    /// <summary>
    /// The plan of <paramref name="layers"/> applied in order to samples of <paramref name="sampleShape"/> (no batch axis),
    /// or null with the reason of the first layer that has no stage. Identity stages (dropout) are left out.
    /// </summary>
    public static InferencePlan? TryCreate(IReadOnlyList<Layer> layers, int[] sampleShape, out string whyNot)
    {
        var stages = new List<InferenceStage>(layers.Count);
        var shape = sampleShape;
        foreach (var layer in layers)
        {
            if (layer.PlanInference(shape, out whyNot) is not { } stage) return null;
            if (!stage.IsIdentity) stages.Add(stage);
            shape = stage.OutputShape;
        }
        whyNot = "";
        return new InferencePlan(sampleShape, shape, [.. stages]);
    }

    /// <summary>
    /// The outputs for all samples of <paramref name="x"/> (of <see cref="InputShape"/>), <paramref name="batchSize"/> at a
    /// time, each batch written into its rows of the result.
    /// </summary>
    public Tensor Predict(Tensor x, int batchSize)
    {
        var y = Tensor.Uninitialized([x.Dims[0], .. OutputShape]); // the last stage writes every row
        Predict(x, y, batchSize);
        return y;
    }

    /// <summary>As <see cref="Predict(Tensor, int)"/>, into <paramref name="y"/> (of <c>[n, .. OutputShape]</c>, checked by
    /// the caller, not sharing <paramref name="x"/>'s data).</summary>
    public void Predict(Tensor x, Tensor y, int batchSize)
    {
        int n = x.Dims[0];
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            Run(count, x.Data.AsMemory(start * _inputSize, count * _inputSize), y.Data.AsMemory(start * _outputSize, count * _outputSize));
        }
    }

    // Stages alternate between two rented buffers; the last one writes into y.
    private void Run(int batch, ReadOnlyMemory<float> x, Memory<float> y)
    {
        if (_stages.Length == 0)
        {
            x.CopyTo(y);
            return;
        }
        var pool = ArrayPool<float>.Shared;
        float[]? even = _stages.Length > 1 ? pool.Rent(batch * _largestIntermediate) : null;
        float[]? odd = _stages.Length > 2 ? pool.Rent(batch * _largestIntermediate) : null;
        try
        {
            var input = x;
            for (int i = 0; i < _stages.Length; i++)
            {
                var stage = _stages[i];
                var output = i == _stages.Length - 1 ? y : (i % 2 == 0 ? even : odd).AsMemory(0, batch * stage.OutputSize);
                stage.Run(batch, input, output);
                input = output;
            }
        }
        finally
        {
            if (even is not null) pool.Return(even);
            if (odd is not null) pool.Return(odd);
        }
    }
}
