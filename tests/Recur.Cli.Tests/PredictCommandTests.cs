namespace Recur.Cli.Tests;

public class PredictCommandTests
{
    [Fact]
    public void PredictsFromJsonCsvAndNpyInTheSameForm()
    {
        using var folder = new TempFolder();
        var model = TrainedModel.In(folder);
        var json = folder.File("ids.json", "[[116, 104, 101, 99, 97, 116], [97, 110, 116, 0, 0, 0]]");
        var csv = folder.File("ids.csv", "116,104,101,99,97,116\n97,110,116\n");
        var fromJson = CliRun.Of("predict", model, json);
        Assert.Equal(0, fromJson.ExitCode);
        Assert.Equal(2, Data.JsonTensor.Parse(fromJson.Output, "stdout").Dim(0));
        var fromCsv = CliRun.Of("predict", model, csv);
        Assert.Equal(0, fromCsv.ExitCode);
        Assert.Equal(2, fromCsv.Output.Trim().Split('\n').Length);
        var npy = folder.File("ids.npy");
        Data.TensorFiles.Write(Data.CsvTensor.Parse(File.ReadAllLines(csv), csv), Data.TensorFormat.Npy, TextWriter.Null, npy);
        Assert.Equal(0, CliRun.Of("predict", model, npy).ExitCode);
        Assert.Equal([2, 6, 2], Data.TensorFiles.Read(Path.ChangeExtension(npy, ".predictions.npy")).Shape);
    }

    [Fact]
    public void AMissingInputIsAOneLineErrorWithExitCode2()
    {
        using var folder = new TempFolder();
        CliRun.Of("predict", folder.File("model.keras", "x"), Path.Combine(folder.Path, "nope.json")).AssertOneLineError(2, "nope.json: no such file");
    }

    [Fact]
    public void MalformedCsvIsAOneLineErrorWithLineAndColumn()
    {
        using var folder = new TempFolder();
        var csv = folder.File("bad.csv", "1,2,3\n4,five,6\n");
        CliRun.Of("predict", folder.File("model.keras", "x"), csv).AssertOneLineError(2, "bad.csv:2:2: 'five' is not a number");
    }

    [Fact]
    public void AMissingModelIsAOneLineError()
    {
        using var folder = new TempFolder();
        var json = folder.File("ids.json", "[[1, 2]]");
        CliRun.Of("predict", Path.Combine(folder.Path, "none.keras"), json).AssertOneLineError(2, "none.keras: no such model file");
    }

    [Fact]
    public void AShapeThatDoesNotFitTheModelIsAOneLineError()
    {
        using var folder = new TempFolder();
        var model = TrainedModel.In(folder);
        var json = folder.File("flat.json", "[1, 2, 3]");
        CliRun.Of("predict", model, json).AssertOneLineError(2, "flat.json: shape [3] does not fit model");
    }

    [Fact]
    public void AFileThatIsNotAModelIsAOneLineError()
    {
        using var folder = new TempFolder();
        var json = folder.File("ids.json", "[[1, 2]]");
        CliRun.Of("predict", folder.File("model.keras", "not a model"), json).AssertOneLineError(2, "model.keras: cannot load the model");
    }

    [Fact]
    public void StackTracesOnlyWithVerbose()
    {
        using var folder = new TempFolder();
        var csv = folder.File("bad.csv", "x\n");
        var quiet = CliRun.Of("predict", "m.keras", csv);
        var verbose = CliRun.Of("predict", "m.keras", csv, "--verbose");
        quiet.AssertOneLineError(2, "bad.csv:1:1");
        Assert.Equal(2, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }
}
