using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary>Allocation counts read the whole process, so these tests run alone.</summary>
[CollectionDefinition("Allocation", DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>
/// Issue 8: after warm-up, <see cref="Model.Predict(Tensor, int)"/> on a planned model allocates less than twice its
/// output's float data; in practice the output tensor (array, object, shape) and nothing else.
/// </summary>
[Collection("Allocation")]
public sealed class PredictAllocationTests
{
    [Theory]
    [InlineData("doc", 32, 32)]
    [InlineData("doc", 100, 32)]
    [InlineData("bi_lstm_concat_seq", 16, 16)]
    [InlineData("bi_gru_ave_seq", 16, 16)]
    [InlineData("bi_lstm_sum_seq", 70, 32)]
    [InlineData("bi_rnn_concat_last", 16, 16)]
    [InlineData("lstm_per_step_dense", 16, 5)]
    [InlineData("gru_v1_backwards", 16, 16)]
    public void Predict_AfterWarmUp_AllocatesLessThanTwiceItsOutput(string name, int samples, int batchSize)
    {
        var (perCall, output) = Measure(name, samples, batchSize);
        int bytes = output.Size * sizeof(float);
        string message = $"{name}: Predict allocated {perCall} B per call for an output of {bytes} B ({Shapes.Format(output.Dims)}).";
        Assert.True(perCall < 2 * bytes, message);
        Assert.True(perCall < bytes + TensorOverhead, message);
    }

    // The output's array header, the Tensor object and its shape array.
    private const int TensorOverhead = 256;

    [Fact]
    public void Predict_OfOneSample_AllocatesOnlyTheOutputTensor()
    {
        // 20 B of data cannot come under 40 B with an array header; what is left is the tensor itself.
        var (perCall, output) = Measure("doc", 1, 32);
        Assert.True(perCall < output.Size * sizeof(float) + TensorOverhead, $"Predict of one sample allocated {perCall} B per call for an output of {output.Size * sizeof(float)} B.");
    }

    [Theory]
    [InlineData("doc", 1, 32)]
    [InlineData("doc", 100, 32)]
    [InlineData("bi_lstm_concat_seq", 16, 16)]
    [InlineData("bi_rnn_concat_last", 16, 16)]
    [InlineData("gru_v1_backwards", 16, 16)]
    public void PredictInto_AfterWarmUp_AllocatesNothing(string name, int samples, int batchSize)
    {
        var model = InferencePlanTests.Supported(name);
        InferencePlanTests.Randomize(model, seed: 1);
        var x = InferencePlanTests.Random(new Random(2), [samples, .. InferencePlanTests.Samples(model)]);
        var destination = model.Predict(x, batchSize);
        long perCall = Fewest(() => model.Predict(x, destination, batchSize));
        Assert.True(perCall == 0, $"{name}: Predict into a destination allocated {perCall} B per call.");
    }

    [Fact]
    public void Evaluate_WithAPlan_AllocatesLessThanTheLayerPathsIntermediate()
    {
        // The layer path would allocate the Bidirectional output [8, 50, 128] (204,800 B) on every batch; the plan does not.
        using var _ = NameScope.Fresh();
        var model = new Sequential(new Input(shape: [50, 16]), new Bidirectional(new Lstm(64, returnSequences: true)), new Dense(2));
        model.Compile(new Sgd(), "mse");
        var x = InferencePlanTests.Random(new Random(3), [8, 50, 16]);
        var y = InferencePlanTests.Random(new Random(4), [8, 50, 2]);
        Assert.NotNull(model.InferencePlanFor(x));
        for (int i = 0; i < 20; i++) model.Evaluate(x, y, batchSize: 8);
        long best = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 10; i++) model.Evaluate(x, y, batchSize: 8);
            best = Math.Min(best, (GC.GetTotalAllocatedBytes(precise: true) - before) / 10);
        }
        Assert.True(best < 8 * 50 * 128 * sizeof(float), $"Evaluate allocated {best} B per call.");
    }

    // The fewest bytes per call over a few rounds, so that an allocation elsewhere in the process (the test runner)
    // does not count; a steady allocation in Predict shows in every round.
    private static (long PerCall, Tensor Output) Measure(string name, int samples, int batchSize)
    {
        var model = InferencePlanTests.Supported(name);
        InferencePlanTests.Randomize(model, seed: 1);
        var x = InferencePlanTests.Random(new Random(2), [samples, .. InferencePlanTests.Samples(model)]);
        Assert.NotNull(model.InferencePlanFor(x));
        var output = model.Predict(x, batchSize);
        return (Fewest(() => model.Predict(x, batchSize)), output);
    }

    private static long Fewest(Action call)
    {
        for (int i = 0; i < 50; i++) call();
        const int calls = 20;
        long best = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++) call();
            best = Math.Min(best, (GC.GetTotalAllocatedBytes(precise: true) - before) / calls);
        }
        return best;
    }
}
