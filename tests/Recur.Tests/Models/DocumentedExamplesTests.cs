using Recur;
using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary>The two Keras documentation examples for Bidirectional (spec §8.3), written exactly as the docs show them.</summary>
public sealed class DocumentedExamplesTests
{
    /// <summary>A learnable random task: the target of each sample is a one-hot of the argmax of the sum of its first steps.</summary>
    private static (Tensor X, Tensor Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * 5 * 10];
        var y = new float[n * 5];
        for (int i = 0; i < n; i++)
        {
            var sums = new double[5];
            for (int t = 0; t < 5; t++)
                for (int f = 0; f < 10; f++)
                {
                    float v = (float)(rng.NextDouble() * 2 - 1);
                    x[(i * 5 + t) * 10 + f] = v;
                    if (f < 5) sums[f] += v;
                }
            y[i * 5 + Array.IndexOf(sums, sums.Max())] = 1f;
        }
        return (new Tensor(x, n, 5, 10), new Tensor(y, n, 5));
    }

    [Fact]
    public void Example1_CompilesSummarizesAndLearns()
    {
        using var _ = NameScope.Fresh();
        var model = new Sequential(new Input(shape: [5, 10]), new Bidirectional(new Lstm(10, returnSequences: true)), new Bidirectional(new Lstm(10)), new Dense(5, activation: "softmax"));
        model.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
        var summary = model.Summary(TextWriter.Null);
        Assert.Contains("│ bidirectional (Bidirectional)   │ (None, 5, 20)          │         1,680 │", summary);
        Assert.Contains("│ bidirectional_1 (Bidirectional) │ (None, 20)             │         2,480 │", summary);
        Assert.Contains("│ dense (Dense)                   │ (None, 5)              │           105 │", summary);
        Assert.Contains(" Total params: 4,265 (16.66 KB)", summary);
        Assert.Contains(" Trainable params: 4,265 (16.66 KB)", summary);
        Assert.Contains(" Non-trainable params: 0 (0.00 B)", summary);

        var (x, y) = Data(256, 1);
        History history = model.Fit(x, y, epochs: 5, batchSize: 32, verbose: 0, seed: 1);
        Tensor probabilities = model.Predict(x);
        Assert.Equal([256, 5], probabilities.Shape);
        Assert.True(history["loss"][^1] < history["loss"][0], $"loss did not fall: {string.Join(", ", history["loss"])}");
    }

    [Fact]
    public void Example2_CustomBackwardLayer_Summarizes()
    {
        using var _ = NameScope.Fresh();
        var forwardLayer = new Lstm(10, returnSequences: true);
        var backwardLayer = new Lstm(10, activation: "relu", returnSequences: true, goBackwards: true);
        var model2 = new Sequential(new Input(shape: [5, 10]), new Bidirectional(forwardLayer, backwardLayer: backwardLayer), new Dense(5, activation: "softmax"));
        model2.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
        var summary = model2.Summary(TextWriter.Null);
        Assert.Contains("│ bidirectional (Bidirectional)   │ (None, 5, 20)          │         1,680 │", summary);
        Assert.Contains("│ dense (Dense)                   │ (None, 5, 5)           │           105 │", summary);
        Assert.Contains(" Total params: 1,785 (6.97 KB)", summary);
        var (x, _) = Data(8, 2);
        Assert.Equal([8, 5, 5], model2.Predict(x).Shape);
    }

    [Fact]
    public void TfKerasForm_InputShapeOnFirstLayer_ThenDenseAndActivation()
    {
        using var _ = NameScope.Fresh();
        var model = new Sequential(
            new Bidirectional(new Lstm(10, returnSequences: true), inputShape: [5, 10]),
            new Bidirectional(new Lstm(10)),
            new Dense(5),
            new Activation("softmax"));
        model.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
        var summary = model.Summary(TextWriter.Null);
        Assert.Contains("│ bidirectional (Bidirectional)   │ (None, 5, 20)          │         1,680 │", summary);
        Assert.Contains("│ activation (Activation)         │ (None, 5)              │             0 │", summary);
        Assert.Contains(" Total params: 4,265 (16.66 KB)", summary);
        var (x, y) = Data(64, 4);
        var history = model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, seed: 2);
        Assert.Equal(2, history["loss"].Count);
        var p = model.Predict(x);
        for (int i = 0; i < 64; i++) Assert.Equal(1.0, Enumerable.Range(0, 5).Sum(k => (double)p[i, k]), 5);
    }

    [Fact]
    public void SeededFit_Twice_GivesIdenticalWeights()
    {
        var (x, y) = Data(64, 3);
        float[][] Train()
        {
            var model = new Sequential(new Input(shape: [5, 10]), new Bidirectional(new Lstm(4)), new Dense(5, activation: "softmax"));
            model.SetWeights(model.Weights.Select((w, i) => InitialValue(w.Shape, i)).ToList());
            model.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
            model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, seed: 7);
            return model.GetWeights().Select(w => w.ToArray()).ToArray();
        }
        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void MaskFlows_EmbeddingToBidirectionalToTimeDistributed()
    {
        var ids = new Input(shape: [4]);
        var h = new Embedding(6, 3, maskZero: true).Apply(ids);
        h = new Bidirectional(new Lstm(2, returnSequences: true)).Apply(h);
        var outputs = new TimeDistributed(new Dense(2, activation: "softmax")).Apply(h);
        var model = new Model(ids, outputs);
        model.Compile(loss: "categorical_crossentropy", optimizer: "adam");
        var x = new Tensor([1f, 2f, 0f, 0f, 3f, 4f, 5f, 0f], 2, 4);
        var y = new Tensor(Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? 1f : 0f).ToArray(), 2, 4, 2);
        var pred = model.PredictOnBatch(x);
        Assert.Equal([1f, 1f, 0f, 0f, 1f, 1f, 1f, 0f], pred.KerasMask!.ToArray());
        Assert.True(double.IsFinite(model.TrainOnBatch(x, y)["loss"]));
    }

    private static Tensor InitialValue(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var data = new float[shape.Aggregate(1, (a, d) => a * d)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() - 0.5) * 0.4f;
        return new Tensor(data, shape);
    }
}
