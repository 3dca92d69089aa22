namespace Recur.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void TrainsASegmenterOnTextAndSavesIt()
    {
        using var folder = new TempFolder();
        var text = folder.File("sentences.txt", "the cat sat\nthen the cats ran\n\na cart\nthe carpet\n");
        var model = Path.Combine(folder.Path, "out", "model.keras");
        var run = CliRun.Of("train", text, "--output", model, "--epochs", "2", "--units", "4", "--merge", "sum");

        Assert.Contains("4 sentences to segment", run.Output);
        Assert.Contains("After 2 epochs", run.Output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(model));
        Assert.Equal(0, CliRun.Of("summary", model).ExitCode);   // a complete model file
    }

    [Fact]
    public void TrainsOnTheCsvLayout()
    {
        using var folder = new TempFolder();
        var csv = folder.File("tags.csv", "sequence,token,label\ns1,5,0\ns1,6,1\ns1,7,2\ns2,6,1\ns2,5,0\ns3,7,2\n");
        var run = CliRun.Of("train", csv, "--output", Path.Combine(folder.Path, "m.keras"), "--epochs", "1", "--units", "3", "--cell", "gru");
        Assert.Contains("3 sequences of up to 3 tokens, ids < 8, 3 label classes", run.Output);
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("seq,tok,lab\n", "tags.csv:1: expected the header 'sequence,token,label'")]
    [InlineData("sequence,token,label\na,1\n", "tags.csv:2: expected 3 columns")]
    [InlineData("sequence,token,label\na,1,0\na,x,0\n", "tags.csv:3:2: token 'x' is not an integer")]
    [InlineData("sequence,token,label\na,0,0\n", "tags.csv:2:2: token 0 must be at least 1")]
    public void MalformedCsvIsAOneLineErrorWithExitCode2(string text, string message)
    {
        using var folder = new TempFolder();
        var csv = folder.File("tags.csv", text);
        CliRun.Of("train", csv).AssertOneLineError(2, message);
    }

    [Fact]
    public void AMissingFileIsAOneLineError() =>
        CliRun.Of("train", "/no/such/data.txt").AssertOneLineError(2, "/no/such/data.txt: no such file");

    [Fact]
    public void CtrlCStopsTrainingWithExitCode130()
    {
        using var folder = new TempFolder();
        var text = folder.File("sentences.txt", "the cat sat\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var run = CliRun.Of(cancelled.Token, "train", text, "--output", Path.Combine(folder.Path, "m.keras"));
        run.AssertOneLineError(130, "interrupted");
        Assert.Contains("saved the model trained so far", run.Output);
        Assert.Equal(0, CliRun.Of("summary", Path.Combine(folder.Path, "m.keras")).ExitCode);
    }
}
