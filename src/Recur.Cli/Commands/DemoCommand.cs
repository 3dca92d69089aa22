using System.CommandLine;
using System.Diagnostics;
using Recur.Cli.Demo;
using Recur.Cli.Plots;
using Recur.Cli.Training;
using Recur.Layers;
using Recur.Models;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur demo</c>: trains a forward-only LSTM and bidirectional LSTMs/GRU on word segmentation (put the spaces back
/// into text whose spaces were removed) and shows in one table what the backward direction buys.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Default sizes: about three minutes on two idle cores (see the README).</summary>
    private const int DefaultSentences = 6000, DefaultEpochs = 12, DefaultUnits = 32;

    private static readonly string[] ExtraExamples = ["then the cat saw the carpet there", "these farmers start a cart in the corner", "an ice boat held a mango"];

    public static Command Create(CliContext context)
    {
        var quick = new Option<bool>("--quick") { Description = "A tiny run (seconds) that exercises every step; the numbers mean little." };
        var sentences = new Option<int>("--sentences") { Description = "Training sentences to generate.", DefaultValueFactory = _ => DefaultSentences };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per model.", DefaultValueFactory = _ => DefaultEpochs };
        var units = new Option<int>("--units") { Description = "Units per recurrent direction.", DefaultValueFactory = _ => DefaultUnits };
        var seed = new Option<int>("--seed") { Description = "Seed for the data, the weights and the shuffling.", DefaultValueFactory = _ => 1 };
        var outputDir = new Option<string>("--output-dir") { Description = "Folder for the learning curves and the best model.", DefaultValueFactory = _ => Path.Combine("artifacts", "demo") };
        var command = new Command("demo", "Train unidirectional and bidirectional taggers on built-in word-segmentation data and compare them.")
        {
            quick, sentences, epochs, units, seed, outputDir,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            bool isQuick = parse.GetValue(quick);
            // --quick changes the defaults only: sizes given explicitly still win.
            int Size(Option<int> option, int quickValue) =>
                isQuick && parse.GetResult(option) is not { Implicit: false } ? quickValue : parse.GetValue(option);
            var settings = new Settings(Size(sentences, 240), Size(epochs, 2), Size(units, 8), parse.GetValue(seed), parse.GetValue(outputDir)!);
            return Task.FromResult(Run(context, settings, cancellationToken));
        });
        return command;
    }

    /// <summary>The demo's sizes and where it writes.</summary>
    internal sealed record Settings(int Sentences, int Epochs, int Units, int Seed, string OutputDir, int BatchSize = 32);

    private sealed record Result(DemoModel Spec, Model Model, TimeSpan Time, TaggingScore Score, IReadOnlyList<IReadOnlyDictionary<string, double>> Epochs);

    internal static int Run(CliContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Sentences < 10) throw new UserInputException($"--sentences: need at least 10; received {settings.Sentences}");
        if (settings.Epochs < 1) throw new UserInputException($"--epochs: need at least 1; received {settings.Epochs}");
        if (settings.Units < 1) throw new UserInputException($"--units: need at least 1; received {settings.Units}");
        var console = context.Console;
        var clock = Stopwatch.StartNew();
        var data = DemoData.Create(settings.Sentences, settings.Seed);
        Introduce(console, data, settings);

        var results = new List<Result>();
        bool interrupted = false;
        TrainingProgress.Display(console).Start(progressContext =>
            {
                foreach (var spec in DemoModels.All(settings.Units))
                {
                    // The same seed for every model: they start from comparable weights and see batches in the same order.
                    RandomSeed.Set(settings.Seed);
                    var model = spec.Build();
                    var progress = TrainingProgress.Add(progressContext, spec.Name, settings.Epochs, data.Train.Count, settings.BatchSize);
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        model.Fit(data.X, data.Y, settings.BatchSize, settings.Epochs, validationData: (data.HeldOutX, data.HeldOutY),
                            callbacks: [progress], verbose: 0, seed: settings.Seed, cancellationToken: cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        progress.Stop();
                        interrupted = true;
                        return;
                    }
                    results.Add(new Result(spec, model, watch.Elapsed, TaggingScore.Of(model, data.HeldOutX, data.HeldOutY), progress.Epochs));
                }
            });

        if (results.Count > 0) PrintTable(console, results);
        if (interrupted)
        {
            console.MarkupLine($"[yellow]Interrupted[/] after {results.Count} of {DemoModels.All(settings.Units).Count} models; the table shows the finished ones.");
            throw new OperationCanceledException(cancellationToken);
        }

        var plotPath = Path.Combine(settings.OutputDir, "learning-curves.svg");
        LearningCurves.Write(plotPath, results.Select(r => new CurveSeries(r.Spec.Name, r.Epochs)).ToList(),
            "recur demo: word segmentation, forward-only vs bidirectional");
        console.MarkupLine("Learning curves (loss and accuracy per epoch, every model):");
        console.MarkupLine($"  [blue]{Markup.Escape(Path.GetFullPath(plotPath))}[/]");

        var best = results.Where(r => r.Spec.Bidirectional).MaxBy(r => r.Score.TokenAccuracy)!;
        var tagger = SaveAndReload(console, best, settings.OutputDir);
        TagExamples(console, results[0].Model, best.Spec.Name, tagger, settings.Seed);
        console.MarkupLine($"Demo finished in {clock.Elapsed.TotalSeconds:F0} s.");
        return ExitCodes.Ok;
    }

    private static void Introduce(IAnsiConsole console, DemoData data, Settings settings)
    {
        var (ids, labels) = Segmentation.Encode(data.Train[0]);
        var marks = string.Concat(labels.Select(l => l == 1 ? '^' : ' '));
        console.Write(new Rule("[bold]recur demo[/]: what bidirectional context buys").LeftJustified());
        // Short lines: Spectre wraps at the terminal width, 80 columns when output is redirected.
        console.WriteLine("Task: put the spaces back into text whose spaces were removed. Each character");
        console.WriteLine("is labelled 1 if a word ends there. Many words are prefixes of others (the,");
        console.WriteLine("then, there; car, card, carpet), so the label often depends on the characters");
        console.WriteLine("that come next: a forward-only LSTM has not read them yet; a bidirectional");
        console.WriteLine("layer has.");
        console.WriteLine();
        console.WriteLine($"  sentence  {data.Train[0]}");
        console.WriteLine($"  input     {System.Text.Encoding.UTF8.GetString(ids)}");
        console.WriteLine($"  word ends {marks}");
        console.WriteLine();
        console.WriteLine($"Data: {data.Train.Count} generated training sentences, {data.HeldOut.Count} held-out ones (none seen");
        console.WriteLine($"in training), padded to {data.X.Dim(1)} steps. Models: Embedding(mask_zero) → recurrent");
        console.WriteLine($"layer ({settings.Units} units per direction) → Dense(softmax); Adam, {settings.Epochs} epochs, masked loss.");
        console.WriteLine();
    }

    private static void PrintTable(IAnsiConsole console, List<Result> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Held-out word segmentation")
            .AddColumn("Model").AddColumn(new TableColumn("Params").RightAligned()).AddColumn(new TableColumn("Train time").RightAligned())
            .AddColumn(new TableColumn("Token accuracy").RightAligned()).AddColumn(new TableColumn("Sentences right").RightAligned());
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Spec.Name), $"{r.Model.CountParams():N0}", $"{r.Time.TotalSeconds:F1} s",
                $"{100 * r.Score.TokenAccuracy:F2} %", $"{100 * r.Score.SequenceAccuracy:F1} %");
        console.Write(table);
        console.WriteLine("Token accuracy: held-out characters labelled right (padding is not counted).");
        console.WriteLine("Sentences right: held-out sentences whose spaces all come back right.");
        console.WriteLine("The forward-only LSTM must decide whether a word ends before it reads the next");
        console.WriteLine("characters; the bidirectional models have read them, whatever the merge or cell.");
        console.WriteLine();
    }

    private static Model SaveAndReload(IAnsiConsole console, Result best, string outputDir)
    {
        console.Write(new Rule($"Save and load the best model ({Markup.Escape(best.Spec.Name)})").LeftJustified());
        var path = Path.Combine(outputDir, "best-model.keras");
        ModelFiles.Save(best.Model, path);
        var loaded = ModelFiles.Load(path);
        console.MarkupLine($"Saved to [blue]{Markup.Escape(Path.GetFullPath(path))}[/] and loaded it back; the examples below use the loaded copy.");
        return loaded;
    }

    private static void TagExamples(IAnsiConsole console, Model forwardOnly, string bestName, Model best, int seed)
    {
        var generator = new SentenceGenerator(seed + 7919);
        var sentences = Enumerable.Range(0, 4).Select(_ => generator.Next()).Concat(ExtraExamples).ToList();
        var (x, _) = Segmentation.ToTensors(sentences);
        var forwardTags = forwardOnly.Predict(x);
        var bestTags = best.Predict(x);
        int steps = x.Dim(1);
        int width = Math.Max(bestName.Length, "LSTM (forward only)".Length);
        console.Write(new Rule("Spaces put back into new text").LeftJustified());
        for (int i = 0; i < sentences.Count; i++)
        {
            var ids = x.AsReadOnlySpan().Slice(i * steps, steps);
            var forwardText = Segmentation.Decode(ids, forwardTags.AsReadOnlySpan().Slice(i * steps * 2, steps * 2));
            var bestText = Segmentation.Decode(ids, bestTags.AsReadOnlySpan().Slice(i * steps * 2, steps * 2));
            console.MarkupLine($"  {"input".PadRight(width)}    {Markup.Escape(Segmentation.Unspaced(sentences[i]))}");
            console.MarkupLine($"  {"LSTM (forward only)".PadRight(width)}  {Mark(forwardText, sentences[i])}");
            console.MarkupLine($"  {Markup.Escape(bestName.PadRight(width))}  {Mark(bestText, sentences[i])}");
            console.WriteLine();
        }
    }

    private static string Mark(string tagged, string truth) =>
        tagged == truth ? $"[green]✓[/] {Markup.Escape(tagged)}" : $"[red]✗[/] {Markup.Escape(tagged)}";
}
