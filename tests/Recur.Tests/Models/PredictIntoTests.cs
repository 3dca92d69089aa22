using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary><see cref="Model.Predict(Tensor, Tensor, int)"/>: the same numbers as the allocating Predict, into the caller's tensor.</summary>
public sealed class PredictIntoTests
{
    [Theory]
    [InlineData("doc", 7, 3)]
    [InlineData("bi_gru_sum_last", 5, 8)]
    [InlineData("lstm_per_step_dense", 6, 6)]
    [InlineData("bi_rnn_concat_seq", 1, 32)]
    public void PredictInto_OnAPlannedModel_WritesThePredictOutputs(string name, int samples, int batchSize)
    {
        var model = InferencePlanTests.Supported(name);
        InferencePlanTests.Randomize(model, seed: 1);
        var x = InferencePlanTests.Random(new Random(2), [samples, .. InferencePlanTests.Samples(model)]);
        Assert.NotNull(model.InferencePlanFor(x));
        var expected = InferencePlanTests.LayerPath(model, x, batchSize);
        var destination = Tensor.Full(float.NaN, model.Predict(x, batchSize).Shape);
        model.Predict(x, destination, batchSize);
        InferencePlanTests.AssertBits(expected, destination);
    }

    [Fact]
    public void PredictInto_WithoutAPlan_CopiesTheLayerPathsOutputs()
    {
        var model = new Sequential(new Input(shape: [6, 4]), new Masking(), new Lstm(3));
        InferencePlanTests.Randomize(model, seed: 3);
        var x = InferencePlanTests.Random(new Random(4), [5, 6, 4]);
        x.AsSpan()[..8].Clear();
        Assert.Null(model.InferencePlanFor(x));
        var destination = Tensor.Full(float.NaN, 5, 3);
        model.Predict(x, destination, batchSize: 2);
        InferencePlanTests.AssertBits(InferencePlanTests.LayerPath(model, x, 2), destination);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PredictInto_ADestinationOfAnotherShape_IsRejectedAndLeftUntouched(bool planned)
    {
        Model model = planned
            ? InferencePlanTests.Supported("doc")
            : new Sequential(new Input(shape: [5, 10]), new Masking(), new Lstm(5));
        var x = InferencePlanTests.Random(new Random(5), [4, 5, 10]);
        Assert.Equal(planned, model.InferencePlanFor(x) is not null);
        foreach (int[] shape in new[] { new[] { 3, 5 }, [4, 6], [4, 5, 1], [20] })
        {
            var destination = Tensor.Full(7f, shape);
            var e = Assert.Throws<ShapeMismatchException>(() => model.Predict(x, destination));
            Assert.Contains("[4, 5]", e.Message);
            Assert.Contains(Shapes.Format(shape), e.Message);
            Assert.All(destination.ToArray(), v => Assert.Equal(7f, v));
        }
    }

    [Fact]
    public void PredictInto_RejectsAliasingAndGraphTensors()
    {
        var model = new Sequential(new Input(shape: [4]), new Dense(4));
        var x = InferencePlanTests.Random(new Random(6), [3, 4]);
        Assert.Throws<ArgumentException>(() => model.Predict(x, x));
        var tracked = Tensor.Zeros(3, 4);
        tracked.RequiresGrad = true;
        Assert.Contains("gradient graph", Assert.Throws<ArgumentException>(() => model.Predict(x, tracked)).Message);
        Assert.Throws<ArgumentNullException>(() => model.Predict(x, (Tensor)null!));
        Assert.Throws<ArgumentNullException>(() => model.Predict(null!, Tensor.Zeros(3, 4)));
        var destination = Tensor.Full(7f, 3, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(x, destination, batchSize: 0));
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros(0, 4), destination)).Message);
        Assert.All(destination.ToArray(), v => Assert.Equal(7f, v));
    }
}
