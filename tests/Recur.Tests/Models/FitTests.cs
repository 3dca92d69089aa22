using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

public sealed class FitTests
{
    /// <summary>A learnable task: the class is the index of the largest of the first three features.</summary>
    private static (Tensor X, Tensor Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * 4];
        var y = new float[n * 3];
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < 4; f++) x[i * 4 + f] = (float)(rng.NextDouble() * 2 - 1);
            int best = 0;
            for (int c = 1; c < 3; c++) if (x[i * 4 + c] > x[i * 4 + best]) best = c;
            y[i * 3 + best] = 1f;
        }
        return (new Tensor(x, n, 4), new Tensor(y, n, 3));
    }

    private static Sequential NewModel(int seed) => new(new Input(shape: [4]),
        new Dense(8, activation: "tanh", kernelInitializer: new GlorotUniform(seed: seed)),
        new Dense(3, activation: "softmax", kernelInitializer: new GlorotUniform(seed: seed + 1)));

    [Fact]
    public void Fit_LossFalls_MetricsAndValidationLogged()
    {
        var (x, y) = Data(256, 1);
        var model = NewModel(1);
        model.Compile(optimizer: new Adam(learningRate: 0.02f), loss: "categorical_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, y, epochs: 8, batchSize: 32, validationSplit: 0.25f, verbose: 0, seed: 3);
        Assert.Equal(8, history.Epoch.Count);
        Assert.True(history["loss"][^1] < history["loss"][0] * 0.7, $"loss did not fall: {string.Join(", ", history["loss"])}");
        Assert.True(history["accuracy"][^1] > 0.7);
        Assert.Equal(8, history["val_loss"].Count);
        Assert.Equal(history["val_loss"][^1], model.Evaluate(Batch(x, 192, 64), Batch(y, 192, 64))["loss"], 4);
    }

    private static Tensor Batch(Tensor t, int start, int count) => Ops.Slice(t, 0, start, count);

    [Fact]
    public void SeededFit_Twice_GivesIdenticalWeights()
    {
        var (x, y) = Data(100, 2);
        float[][] Train()
        {
            var model = NewModel(5);
            model.Compile(optimizer: "rmsprop", loss: "categorical_crossentropy");
            model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, seed: 11);
            return model.GetWeights().Select(w => w.ToArray()).ToArray();
        }
        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void PredictAndTrainOnBatch_Work()
    {
        var (x, y) = Data(70, 3);
        var model = NewModel(7);
        model.Compile(optimizer: "sgd", loss: "categorical_crossentropy");
        var p = model.Predict(x, batchSize: 32);
        Assert.Equal([70, 3], p.Shape);
        Assert.Equal(model.PredictOnBatch(x).ToArray(), p.ToArray());
        Assert.False(p.RequiresGrad);
        var logs = model.TrainOnBatch(x, y);
        Assert.True(double.IsFinite(logs["loss"]));
        Assert.Equal(1, model.Optimizer!.Iterations);
    }

    [Fact]
    public void BadInput_GivesClearErrors()
    {
        var (x, y) = Data(10, 4);
        var model = NewModel(9);
        Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: 0));
        model.Compile(loss: "categorical_crossentropy");
        Assert.Throws<ArgumentException>(() => model.Fit(x, Ops.Slice(y, 0, 0, 9), verbose: 0));
        Assert.Throws<ShapeMismatchException>(() => model.Fit(x, Tensor.Zeros(10), verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Compile(loss: "categorical_crossentropyy"));
        Assert.Throws<ArgumentException>(() => model.Compile(optimizer: "adamx", loss: "mse"));
        Assert.Throws<ArgumentException>(() => model.Compile(loss: "mse", metrics: ["acuracy"]));
    }

    [Fact]
    public void TerminateOnNaN_StopsWithoutTouchingWeights()
    {
        var (x, y) = Data(8, 5);
        var model = NewModel(11);
        model.Compile(optimizer: new Sgd(learningRate: 0.1f), loss: "mse");
        var before = model.GetWeights().Select(w => w.ToArray()).ToArray();
        x.AsSpan()[0] = float.NaN;
        var history = model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, callbacks: [new TerminateOnNaN()]);
        Assert.Single(history.Epoch);
        Assert.Equal(before, model.GetWeights().Select(w => w.ToArray()).ToArray());
        Assert.Equal(0, model.Optimizer!.Iterations);
    }

    [Fact]
    public void EarlyStopping_RestoresBestWeights_AndCsvLoggerWrites()
    {
        var (x, y) = Data(64, 6);
        var model = NewModel(13);
        model.Compile(optimizer: new Sgd(learningRate: 0f), loss: "categorical_crossentropy");
        var stop = new EarlyStopping(monitor: "loss", patience: 1, restoreBestWeights: true);
        var path = Path.GetTempFileName();
        var seen = new List<int>();
        // No shuffling: with lr 0 the epoch loss must repeat exactly, and a new batch order changes its last bits.
        var history = model.Fit(x, y, epochs: 10, shuffle: false, verbose: 0, callbacks: [stop, new CsvLogger(path)],
            progress: new SyncProgress(p => seen.Add(p.Epoch)));
        Assert.Equal(2, history.Epoch.Count);   // lr 0: no improvement after the first epoch
        Assert.Equal([0, 1], seen);
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss", lines[0]);
        Assert.Equal(3, lines.Length);
        File.Delete(path);
    }

    [Fact]
    public void ReduceLROnPlateau_LowersRate_AndCancellationStops()
    {
        var (x, y) = Data(32, 7);
        var model = NewModel(15);
        model.Compile(optimizer: new Sgd(learningRate: 0f), loss: "categorical_crossentropy");
        model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new ReduceLROnPlateau(monitor: "loss", patience: 1, factor: 0.5f)]);
        Assert.Equal(0f, model.Optimizer!.CurrentLearningRate);
        model.Compile(optimizer: new Sgd(learningRate: 0.1f), loss: "categorical_crossentropy");
        model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new ReduceLROnPlateau(monitor: "loss", patience: 0, factor: 0.5f, minDelta: 10)]);
        Assert.True(model.Optimizer!.CurrentLearningRate < 0.1f);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => model.Fit(x, y, verbose: 0, cancellationToken: cts.Token));
    }

    [Fact]
    public void MaskedSequenceTraining_IgnoresPaddedSteps()
    {
        var ids = new Tensor([1f, 2f, 0f, 3f, 0f, 0f], 2, 3);
        var y = Tensor.Ones(2, 3, 1);
        var model = new Sequential(new Input(shape: [3]), new Embedding(4, 2, embeddingsInitializer: "ones", maskZero: true),
            new Dense(1, kernelInitializer: "zeros"));
        model.Compile(optimizer: "sgd", loss: "mse", metrics: ["mae"]);
        var logs = model.TrainOnBatch(ids, y);
        Assert.Equal(1.0, logs["loss"], 5);          // only the 3 valid steps count, each (0 − 1)²
        Assert.Equal(1.0, logs["mae"], 5);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], model.Layers[0].Weights[0].Value.Grad?.ToArray() ?? new float[8]);
    }

    private sealed class SyncProgress(Action<EpochProgress> report) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => report(value);
    }
}
