using Recur.Saving.Hdf5;

namespace Recur.Tests.Saving;

/// <summary>Reads the committed h5py-written files (interop/make_fixtures.py) and checks every value the script wrote.</summary>
public sealed class Hdf5FixtureTests
{
    private static Hdf5File Open(string name) => Hdf5File.Open(Path.Combine(RepoPaths.Fixtures, name));

    [Theory]
    [InlineData("earliest.h5")]
    [InlineData("latest.h5")]
    public void ReadsAttributesOfEveryKerasKind(string name)
    {
        var root = Open(name).Root;
        Assert.Equal("grüße", root.Attribute("vlen_utf8")!.AsString());
        Assert.Equal("ascii", root.Attribute("vlen_ascii")!.AsString());
        Assert.Equal(["a", "bc", ""], root.Attribute("vlen_list")!.AsStrings());
        Assert.Equal(["x", "yz"], root.Attribute("fixed_list")!.AsStrings());
        Assert.Empty(root.Attribute("empty")!.AsStrings());
        Assert.Equal(new long[] { -7 }, root.Attribute("int_scalar")!.Values);
        Assert.True(root.Attribute("int_scalar")!.IsScalar);
        Assert.Equal(new long[] { 1, 2, 3 }, root.Attribute("int_list")!.Values);
        Assert.Equal(new[] { 0.5, -1.25 }, root.Attribute("float_list")!.Values);
    }

    [Theory]
    [InlineData("earliest.h5")]
    [InlineData("latest.h5")]
    public void ReadsDatasetsThroughIntermediateGroups(string name)
    {
        var root = Open(name).Root;
        var layer = root.Group("model_weights/dense")!;
        Assert.Equal(["dense/kernel:0", "dense/bias:0"], layer.Attribute("weight_names")!.AsStrings());
        var kernel = layer.Dataset("dense/kernel:0")!;
        Assert.Equal([3, 4], kernel.IntShape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 4f), kernel.ReadFloat32());
        Assert.Equal([1.5f, -2f, 0f, 3.25f], layer.Dataset("dense/bias:0")!.ReadFloat32());
        Assert.Equal([42L], root.Dataset("scalar_i64")!.ReadInt64());
        Assert.Empty(root.Dataset("scalar_i64")!.Shape);
        Assert.Equal([1f, 2.5f, -3f, 4f], root.Dataset("f64")!.ReadFloat32());
        Assert.Equal([1f, -2f, 3.5f], root.Dataset("big_endian")!.ReadFloat32());
        Assert.Empty(root.Dataset("empty_ds")!.ReadFloat32());
        Assert.Equal(new float[4], root.Dataset("unwritten")!.ReadFloat32());
    }

    [Fact]
    public void ListsLargeGroupsSpreadOverSeveralSymbolTableNodes()
    {
        var many = Open("earliest.h5").Root.Group("many")!;
        Assert.Equal(40, many.Names.Count);
        for (int i = 0; i < 40; i++) Assert.Equal([(float)i], many.Dataset($"v{i}")!.ReadFloat32());
    }

    [Theory]
    [InlineData("gzip_shuffle")]
    [InlineData("gzip")]
    [InlineData("plain")]
    [InlineData("fletcher")]
    public void ReadsChunkedDatasetsWithFilters(string dataset)
    {
        var ds = Open("chunked.h5").Root.Dataset(dataset)!;
        Assert.IsType<Hdf5Layout.Chunked>(ds.Layout);
        Assert.Equal([7, 5], ds.IntShape);
        Assert.Equal(Enumerable.Range(0, 35).Select(i => i - 10f), ds.ReadFloat32());
    }

    [Fact]
    public void ReadsCompactDatasets()
    {
        var ds = Open("chunked.h5").Root.Dataset("compact")!;
        Assert.IsType<Hdf5Layout.Compact>(ds.Layout);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], ds.ReadFloat32());
    }

    [Fact]
    public void DenseLinkStorageIsRejectedClearly()
    {
        var e = Assert.Throws<Hdf5FormatException>(() => Open("dense_links.h5"));
        Assert.Contains("dense_links.h5", e.Message);
        Assert.Contains("densely", e.Message);
    }

    [Fact]
    public void ANonHdf5FileIsRejectedNamingIt()
    {
        var e = Assert.Throws<Hdf5FormatException>(() => Hdf5File.Open("not hdf5 at all"u8.ToArray(), "x.txt"));
        Assert.Contains("'x.txt'", e.Message);
        Assert.Contains("signature", e.Message);
    }
}
