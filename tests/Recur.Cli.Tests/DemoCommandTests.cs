using Recur.Cli.Demo;
using Recur.Layers;

namespace Recur.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public void QuickDemoTrainsEveryModelPrintsTheTableWritesTheCurvesAndTagsExamples()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of("demo", "--quick", "--output-dir", folder.Path);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("Held-out word segmentation", run.Output);
        foreach (var name in new[] { "LSTM (forward", "Bi-LSTM concat", "Bi-LSTM sum", "Bi-LSTM mul", "Bi-LSTM ave", "Bi-GRU concat" })
            Assert.Contains(name, run.Output);
        Assert.Contains("Spaces put back into new text", run.Output);
        var svg = File.ReadAllText(Path.Combine(folder.Path, "learning-curves.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Equal(6 * 4, svg.Split("<polyline").Length - 1);   // 6 models × (loss, val_loss, accuracy, val_accuracy)
        Assert.True(File.Exists(Path.Combine(folder.Path, "best-model.keras")));
        Assert.Contains("loaded it back", run.Output);
    }

    [Fact]
    public void CtrlCStopsTheDemoWithExitCode130()
    {
        using var folder = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var run = CliRun.Of(cancelled.Token, "demo", "--quick", "--output-dir", folder.Path);
        run.AssertOneLineError(130, "interrupted");
    }

    [Fact]
    public void BadSizesAreOneLineErrors() =>
        CliRun.Of("demo", "--epochs", "0").AssertOneLineError(2, "--epochs");

    // The demo's claim, on a small budget: reading the next characters is what makes segmentation work.
    [Fact]
    public void BidirectionalBeatsForwardOnlyOnSegmentation()
    {
        var data = DemoData.Create(600, seed: 3);
        double Accuracy(DemoModel spec)
        {
            RandomSeed.Set(3);
            var model = spec.Build();
            model.Fit(data.X, data.Y, batchSize: 32, epochs: 4, verbose: 0, seed: 3);
            return TaggingScore.Of(model, data.HeldOutX, data.HeldOutY).TokenAccuracy;
        }
        var models = DemoModels.All(units: 16);
        double forward = Accuracy(models[0]), bidirectional = Accuracy(models[1]);
        Assert.True(bidirectional > forward + 0.03, $"Bi-LSTM {bidirectional:P2} vs LSTM {forward:P2}");
    }
}
