using System.CommandLine;
using Recur.Cli.Data;
using Recur.Models;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur predict MODEL INPUT</c>: runs a saved model on a tensor from JSON, CSV or .npy and writes the outputs in the
/// same form (to stdout for JSON/CSV unless <c>--output</c> is given; .npy goes to a file).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file (.keras or .h5)." };
        var input = new Argument<string>("INPUT") { Description = "The input tensor: .json (nested arrays), .csv (one sample per line) or .npy." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the outputs here (same form as INPUT). Default: stdout for JSON/CSV, INPUT.predictions.npy for .npy." };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per forward pass.", DefaultValueFactory = _ => 32 };
        var command = new Command("predict", "Run a saved model on inputs from a JSON, CSV or .npy file.") { model, input, output, batchSize };
        command.SetAction((parse, _) => Task.FromResult(Run(context, parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(batchSize))));
        return command;
    }

    internal static int Run(CliContext context, string modelPath, string inputPath, string? outputPath, int batchSize = 32)
    {
        if (batchSize < 1) throw new UserInputException($"--batch-size: need at least 1; received {batchSize}");
        var format = TensorFiles.FormatOf(inputPath);
        if (outputPath is not null && TensorFiles.FormatOf(outputPath) != format)
            throw new UserInputException($"{outputPath}: the output form must match the input's ({Path.GetExtension(inputPath)})");
        var x = TensorFiles.Read(inputPath);
        var model = ModelFiles.Load(modelPath);
        CheckFits(model, x, inputPath);
        Tensor y;
        try
        {
            y = model.Predict(x, batchSize);
        }
        catch (ArgumentException e)   // the library's shape and value checks (ShapeMismatchException is one)
        {
            throw new UserInputException($"{inputPath}: does not fit model '{model.Name}': {e.Message}", e);
        }
        if (format == TensorFormat.Npy) outputPath ??= Path.ChangeExtension(inputPath, ".predictions.npy");
        TensorFiles.Write(y, format, context.Output, outputPath);
        if (outputPath is not null) context.Error.WriteLine($"recur: wrote {Shapes.Format(y.Shape)} outputs to {outputPath}");
        return ExitCodes.Ok;
    }

    // Checked here so the message names the file and both shapes, instead of a layer deep inside the model.
    private static void CheckFits(Model model, Tensor x, string source)
    {
        if (model.Inputs.Count != 1)
            throw new UserInputException($"{source}: model '{model.Name}' takes {model.Inputs.Count} inputs; predict feeds one");
        var expected = model.Inputs[0].Shape;
        bool fits = expected.Length == x.Rank && x.Rank > 0;
        for (int i = 1; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == x.Dim(i);
        if (!fits)
            throw new UserInputException($"{source}: shape {Shapes.Format(x.Shape)} does not fit model '{model.Name}', which takes ({string.Join(", ", expected.Select(d => d?.ToString() ?? "None"))})");
    }
}
