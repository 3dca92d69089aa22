using Recur.Cli.Data;

namespace Recur.Cli.Tests;

public class TensorFilesTests
{
    private static readonly Tensor Sample = new([1, 2.5f, -3, 0, 5, 6], 2, 3);

    [Theory]
    [InlineData("x.json")]
    [InlineData("x.csv")]
    [InlineData("x.npy")]
    public void WriteThenReadGivesTheSameTensor(string name)
    {
        using var folder = new TempFolder();
        var path = folder.File(name);
        TensorFiles.Write(Sample, TensorFiles.FormatOf(path), TextWriter.Null, path);
        var back = TensorFiles.Read(path);
        Assert.Equal(Sample.Shape, back.Shape);
        Assert.Equal(Sample.ToArray(), back.ToArray());
    }

    [Fact]
    public void JsonKeepsEveryAxis()
    {
        var t = JsonTensor.Parse("[[[1,2],[3,4]],[[5,6],[7,8]]]", "x.json");
        Assert.Equal([2, 2, 2], t.Shape);
        Assert.Equal(8f, t[1, 1, 1]);
    }

    [Fact]
    public void CsvPadsShortRowsWithZeroAndSkipsComments()
    {
        var t = CsvTensor.Parse(["# ids", "1,2,3", "", "4"], "x.csv");
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 0, 0 }, t.ToArray());
    }

    [Theory]
    [InlineData("[[1,2],[3]]", "element [1] has 1 items; expected 2")]
    [InlineData("[[1,\"a\"]]", "element [0][1] is the string \"a\", not a number")]
    [InlineData("{\"x\": 1}", "expected a JSON array")]
    [InlineData("[[1,2],\n[3,", "x.json:2: malformed JSON")]
    public void MalformedJsonSaysWhatAndWhere(string json, string message)
    {
        var e = Assert.Throws<UserInputException>(() => JsonTensor.Parse(json, "x.json"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MalformedCsvNamesLineAndColumn()
    {
        var e = Assert.Throws<UserInputException>(() => CsvTensor.Parse(["1,2", "3,x"], "x.csv"));
        Assert.Equal("x.csv:2:2: 'x' is not a number", e.Message);
    }

    [Fact]
    public void NpyReadsFloat64AndInt64AndRejectsGarbage()
    {
        // A .npy as NumPy writes it: np.array([[1, 2], [3, 4]], dtype=np.int64).
        var header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }".PadRight(117) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0 };
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (long v in new long[] { 1, 2, 3, 4 }) bytes.AddRange(BitConverter.GetBytes(v));
        var t = NpyTensor.Read([.. bytes], "x.npy");
        Assert.Equal([2, 2], t.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, t.ToArray());

        var e = Assert.Throws<UserInputException>(() => NpyTensor.Read("not numpy at all"u8.ToArray(), "x.npy"));
        Assert.Contains("x.npy: not a .npy file", e.Message);
    }
}
