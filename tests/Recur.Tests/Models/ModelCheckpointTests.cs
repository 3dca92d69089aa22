using Recur.Layers;
using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recur-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (Sequential Model, Tensor X, Tensor Y) Setup()
    {
        var model = new Sequential(new Input(shape: [4, 3]), new Bidirectional(new Gru(3)), new Dense(2, activation: "softmax"));
        model.Compile(loss: "categorical_crossentropy", optimizer: "adam");
        var x = GradCheck.Random([32, 4, 3], 1);
        var y = Tensor.Zeros(32, 2);
        for (int i = 0; i < 32; i++) y[i, x[i, 0, 0] > 0 ? 1 : 0] = 1f;
        return (model, x, y);
    }

    [Fact]
    public void SavesEveryEpoch_WithFormattedNames_AndTheFilesReloadToTheSameModel()
    {
        var (model, x, y) = Setup();
        var ckpt = new ModelCheckpoint(Path.Combine(_dir, "m-{epoch:02d}-{loss:.3f}.keras"), monitor: "loss");
        model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, seed: 1, callbacks: [ckpt]);
        Assert.Equal(3, ckpt.Saved.Count);
        Assert.Matches(@"m-01-\d\.\d{3}\.keras$", ckpt.Saved[0]);
        Assert.Matches(@"m-03-\d\.\d{3}\.keras$", ckpt.Saved[2]);
        var reloaded = Model.Load(ckpt.Saved[2]);
        Assert.Equal(model.Predict(x).ToArray(), reloaded.Predict(x).ToArray());
    }

    [Fact]
    public void SaveBestOnly_WritesOnlyOnImprovement()
    {
        var (model, x, y) = Setup();
        model.Compile(loss: "categorical_crossentropy", optimizer: new Sgd(learningRate: 0f));   // the loss never improves after epoch 1
        var ckpt = new ModelCheckpoint(Path.Combine(_dir, "best.weights.h5"), monitor: "loss", saveBestOnly: true, saveWeightsOnly: true);
        model.Fit(x, y, epochs: 3, batchSize: 8, shuffle: false, verbose: 0, callbacks: [ckpt]);
        Assert.Single(ckpt.Saved);
        Assert.True(File.Exists(ckpt.Saved[0]));
    }

    [Fact]
    public void WrongExtension_IsRejectedBeforeTraining()
    {
        var (model, x, y) = Setup();
        var ex = Assert.Throws<ArgumentException>(() =>
            model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(Path.Combine(_dir, "m.h5"))]));
        Assert.Contains(".keras", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
