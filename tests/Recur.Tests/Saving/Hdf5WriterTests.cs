using Recur.Saving.Hdf5;

namespace Recur.Tests.Saving;

/// <summary>The writer's files read back identically with Recur's reader and with h5py (interop/check_h5py.py).</summary>
public sealed class Hdf5WriterTests
{
    private static readonly string LongJson = "[" + string.Join(",", Enumerable.Range(0, 20000)) + "]";

    /// <summary>The tree that check_h5py.py verifies value by value.</summary>
    internal static Hdf5WriteGroup Sample()
    {
        var root = new Hdf5WriteGroup();
        root.Attributes["title"] = "grüße, Recur";
        root.Attributes["names"] = new[] { "a", "bc", "" };
        root.Attributes["count"] = -7L;
        root.Attributes["doubles"] = new[] { 0.5, -1.25 };
        root.Attributes["long_json"] = LongJson;
        root.Dataset("layers/dense/vars/0", Hdf5WriteDataset.Float32(Enumerable.Range(0, 12).Select(i => i / 4f).ToArray(), [3, 4]));
        root.Group("layers/dense/vars").Attributes["name"] = "dense";
        root.Dataset("scalar", Hdf5WriteDataset.Float32([2.5f], []));
        root.Dataset("step", Hdf5WriteDataset.Int64([42], []));
        root.Dataset("empty", Hdf5WriteDataset.Float32([], [0, 3]));
        root.Group("empty_group");
        for (int i = 0; i < 40; i++) root.Dataset($"many/v{i}", Hdf5WriteDataset.Float32([i], [1])).Attributes["index"] = (long)i;
        return root;
    }

    [Fact]
    public void RoundTripsThroughTheReader()
    {
        var file = Hdf5File.Open(Hdf5Writer.Write(Sample()), "sample.h5");
        var root = file.Root;
        Assert.Equal("grüße, Recur", root.Attribute("title")!.AsString());
        Assert.Equal(["a", "bc", ""], root.Attribute("names")!.AsStrings());
        Assert.Equal(new long[] { -7 }, root.Attribute("count")!.Values);
        Assert.Equal(new[] { 0.5, -1.25 }, root.Attribute("doubles")!.Values);
        Assert.Equal(LongJson, root.Attribute("long_json")!.AsString());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 4f), root.Dataset("layers/dense/vars/0")!.ReadFloat32());
        Assert.Equal([3, 4], root.Dataset("layers/dense/vars/0")!.IntShape);
        Assert.Equal("dense", root.Group("layers/dense/vars")!.Attribute("name")!.AsString());
        Assert.Equal([2.5f], root.Dataset("scalar")!.ReadFloat32());
        Assert.Equal([42L], root.Dataset("step")!.ReadInt64());
        Assert.Equal([0, 3], root.Dataset("empty")!.IntShape);
        Assert.Empty(root.Group("empty_group")!.Names);
        Assert.Equal(40, root.Group("many")!.Names.Count);
        Assert.Equal(new long[] { 17 }, root.Dataset("many/v17")!.Attribute("index")!.Values);
    }

    [Fact]
    public void FloatsRoundTripBitIdentically()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 1000).Select(_ => BitConverter.Int32BitsToSingle(rng.Next())).ToArray();
        values[0] = float.NaN;
        values[1] = -0f;
        var root = new Hdf5WriteGroup();
        root.Dataset("w", Hdf5WriteDataset.Float32(values, [10, 100]));
        var read = Hdf5File.Open(Hdf5Writer.Write(root), "bits.h5").Root.Dataset("w")!.ReadFloat32();
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    [H5pyFact]
    public void H5pyReadsWhatTheWriterWrote()
    {
        string path = Path.Combine(Path.GetTempPath(), $"recur-interop-{Guid.NewGuid():N}.h5");
        File.WriteAllBytes(path, Hdf5Writer.Write(Sample()));
        try
        {
            var (code, output) = H5pyFactAttribute.Run(Path.Combine(RepoPaths.Root, "tests", "Recur.Tests", "Saving", "interop", "check_h5py.py"), path);
            Assert.True(code == 0, output);
            Assert.Contains("ok", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
