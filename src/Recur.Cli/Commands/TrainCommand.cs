using System.CommandLine;
using System.Diagnostics;
using Recur.Cli.Data;
using Recur.Cli.Training;
using Recur.Layers;
using Recur.Models;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur train DATA</c>: trains a bidirectional tagger on the user's data (<c>.txt</c> sentences to segment, or a
/// <c>sequence,token,label</c> CSV) with the demo's progress display, and saves the model (after every epoch, atomically).
/// </summary>
internal static class TrainCommand
{
    /// <summary>What <c>recur train</c> was asked to do.</summary>
    internal sealed record Settings(string Data, string Output, int Epochs = 10, int BatchSize = 32, int Units = 32, string Cell = "lstm",
        string Merge = "concat", float ValidationSplit = 0.1f, int Seed = 1);

    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = ".txt: one sentence per line (learns to put spaces back); .csv: header sequence,token,label, one token per row." };
        var output = new Option<string>("--output", "-o") { Description = "Where to save the model.", DefaultValueFactory = _ => "model.keras" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data.", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Sequences per gradient step.", DefaultValueFactory = _ => 32 };
        var units = new Option<int>("--units") { Description = "Units per recurrent direction.", DefaultValueFactory = _ => 32 };
        var cell = new Option<string>("--cell") { Description = "Recurrent cell.", DefaultValueFactory = _ => "lstm" };
        cell.AcceptOnlyFromAmong("lstm", "gru");
        var merge = new Option<string>("--merge") { Description = "How Bidirectional merges the directions; 'none' trains a forward-only layer.", DefaultValueFactory = _ => "concat" };
        merge.AcceptOnlyFromAmong("concat", "sum", "mul", "ave", "none");
        var validationSplit = new Option<float>("--validation-split") { Description = "Fraction of the sequences (the last ones) held out to report val_accuracy.", DefaultValueFactory = _ => 0.1f };
        var seed = new Option<int>("--seed") { Description = "Seed for the weights and the shuffling.", DefaultValueFactory = _ => 1 };
        var command = new Command("train", "Train a bidirectional sequence tagger on your data and save it.")
        {
            data, output, epochs, batchSize, units, cell, merge, validationSplit, seed,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(context, new Settings(parse.GetValue(data)!, parse.GetValue(output)!,
            parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(units), parse.GetValue(cell)!, parse.GetValue(merge)!,
            parse.GetValue(validationSplit), parse.GetValue(seed)), cancellationToken)));
        return command;
    }

    internal static int Run(CliContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Epochs < 1) throw new UserInputException($"--epochs: need at least 1; received {settings.Epochs}");
        if (settings.BatchSize < 1) throw new UserInputException($"--batch-size: need at least 1; received {settings.BatchSize}");
        if (settings.Units < 1) throw new UserInputException($"--units: need at least 1; received {settings.Units}");
        if (settings.ValidationSplit is < 0f or >= 1f) throw new UserInputException($"--validation-split: must be in [0, 1); received {settings.ValidationSplit}");
        var data = TaggingData.Read(settings.Data);
        var console = context.Console;
        console.WriteLine(data.Description);

        RandomSeed.Set(settings.Seed);
        var model = Taggers.Build(Taggers.Recurrent(settings.Cell, settings.Merge, settings.Units), "tagger", data.VocabularySize, data.Classes);
        model.Summary(context.Output);

        int trainCount = data.X.Dim(0) - (int)(data.X.Dim(0) * settings.ValidationSplit);
        var checkpoint = new EpochCheckpoint(model, settings.Output);
        TrainingProgress? progress = null;
        var watch = Stopwatch.StartNew();
        bool interrupted = false;
        TrainingProgress.Display(console).Start(progressContext =>
            {
                progress = TrainingProgress.Add(progressContext, "train", settings.Epochs, trainCount, settings.BatchSize);
                try
                {
                    model.Fit(data.X, data.Y, settings.BatchSize, settings.Epochs, validationSplit: settings.ValidationSplit,
                        callbacks: [progress, checkpoint], verbose: 0, seed: settings.Seed, cancellationToken: cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    progress.Stop();
                    interrupted = true;
                }
            });

        var epochs = progress!.Epochs;
        if (epochs.Count > 0) console.WriteLine($"After {epochs.Count} epochs ({watch.Elapsed.TotalSeconds:F1} s): {TrainingProgress.Format(epochs[^1])}");
        if (interrupted)
        {
            // Fit stops between batches, so the weights are a consistent state: keep them rather than only the last epoch's.
            ModelFiles.Save(model, settings.Output);
            console.WriteLine($"Interrupted; saved the model trained so far to {Path.GetFullPath(settings.Output)}.");
            throw new OperationCanceledException(cancellationToken);
        }
        ModelFiles.Save(model, settings.Output);
        console.WriteLine($"Saved the model to {Path.GetFullPath(settings.Output)}.");
        return ExitCodes.Ok;
    }
}
