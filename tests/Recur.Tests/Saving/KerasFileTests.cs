using System.IO.Compression;
using Recur.Layers;
using Recur.Models;
using Recur.Saving;
using Recur.Tests.TestKit;

namespace Recur.Tests.Saving;

/// <summary>Save → Load of Recur-built models, weights files, detection by content, errors and atomic writes.</summary>
public sealed class KerasFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recur-saving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathFor(string name) => Path.Combine(_dir, name);

    internal static Sequential BiLstmModel(int units = 4) =>
        new(new Input(shape: [5, 3]), new Bidirectional(new Lstm(units, returnSequences: true)), new Bidirectional(new Gru(3)), new Dense(2, activation: "softmax"));

    private static Tensor Batch() => Reference.Distinct([2, 5, 3], seed: 11) * 0.05f;

    [Fact]
    public void SaveThenLoadGivesBitIdenticalWeightsAndPredictions()
    {
        var model = BiLstmModel();
        string path = PathFor("model.keras");
        model.Save(path);
        var loaded = Model.Load(path);

        Assert.IsType<Sequential>(loaded);
        var expected = model.Weights;
        var actual = loaded.Weights;
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            Assert.Equal(expected[i].Value.ToArray().Select(BitConverter.SingleToInt32Bits), actual[i].Value.ToArray().Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(model.Predict(Batch()).ToArray(), loaded.Predict(Batch()).ToArray());
    }

    [Fact]
    public void ConvLstmInsideBidirectionalRoundTrips()
    {
        var model = new Sequential(new Input(shape: [3, 4, 4, 2]), new Bidirectional(new ConvLstm2D(2, [2, 2], padding: Padding.Same)), new Flatten(), new Dense(1));
        string path = PathFor("convlstm.keras");
        model.Save(path);
        var x = Reference.Distinct([2, 3, 4, 4, 2], seed: 3) * 0.02f;
        Assert.Equal(model.Predict(x).ToArray(), Model.Load(path).Predict(x).ToArray());
    }

    [Fact]
    public void SavedArchiveHasKerasMembersStoredInKerasOrder()
    {
        string path = PathFor("model.keras");
        BiLstmModel().Save(path);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));   // STORED, as Python's zipfile writes
    }

    [Fact]
    public void ArchiveConfig_OmitsTheKeras315InitializerKeys_WhenTheyHoldOnlyDefaults()
    {
        // GlorotUniform (every kernel here) gains input_axes/output_axes in Keras 3.15; Keras 3.8–3.14 reject them.
        var model = new Sequential(new Input(shape: [5, 3]), new Bidirectional(new Lstm(4)),
            new Dense(2, kernelInitializer: new VarianceScaling(inputAxes: [0], outputAxes: [1])));
        Assert.Contains("\"input_axes\":null", model.ToJson());
        string path = PathFor("dialect.keras");
        model.Save(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
            string config = reader.ReadToEnd();
            Assert.DoesNotContain("\"input_axes\":null", config);
            Assert.DoesNotContain("\"output_axes\":null", config);
            Assert.Contains("\"input_axes\":[0]", config);   // axes a user set are kept
            Assert.Contains("\"class_name\":\"GlorotUniform\"", config);
        }
        var loaded = Model.Load(path);
        Assert.Equal(model.ToJson(), loaded.ToJson());   // read back, the defaults are there again
    }

    [Fact]
    public void WeightStoreUsesKerasPaths()
    {
        var file = Recur.Saving.Hdf5.Hdf5File.Open(Recur.Saving.Hdf5.Hdf5Writer.Write(Keras3WeightStore.Build(BiLstmModel())), "store");
        var root = file.Root;
        Assert.Equal([3, 16], root.Dataset("layers/bidirectional/forward_layer/cell/vars/0")!.IntShape);
        Assert.Equal([4, 16], root.Dataset("layers/bidirectional/backward_layer/cell/vars/1")!.IntShape);
        Assert.Equal([2, 9], root.Dataset("layers/bidirectional_1/forward_layer/cell/vars/2")!.IntShape);   // GRU reset_after bias
        Assert.Equal([6, 2], root.Dataset("layers/dense/vars/0")!.IntShape);
        Assert.NotNull(root.Group("vars"));
    }

    [Fact]
    public void SaveWeightsThenLoadWeightsRestoresAnotherInstance()
    {
        var model = BiLstmModel();
        string path = PathFor("model.weights.h5");
        model.SaveWeights(path);
        var other = BiLstmModel();
        Assert.NotEqual(model.Predict(Batch()).ToArray(), other.Predict(Batch()).ToArray());
        other.LoadWeights(path);
        Assert.Equal(model.Predict(Batch()).ToArray(), other.Predict(Batch()).ToArray());
    }

    [Fact]
    public void LoadWeightsAcceptsAKerasArchive()
    {
        var model = BiLstmModel();
        string path = PathFor("model.keras");
        model.Save(path);
        var other = BiLstmModel();
        other.LoadWeights(path);
        Assert.Equal(model.Predict(Batch()).ToArray(), other.Predict(Batch()).ToArray());
    }

    [Fact]
    public void DetectionIgnoresTheExtension()
    {
        string path = PathFor("model.h5");   // a zip archive under an HDF5 name
        BiLstmModel().Save(path);
        Assert.IsType<Sequential>(Model.Load(path));
        using var stream = File.OpenRead(path);
        Assert.IsType<Sequential>(Model.Load(stream));
    }

    [Fact]
    public void ShapeMismatchNamesLayerExpectedAndReceived()
    {
        string path = PathFor("small.weights.h5");
        BiLstmModel(units: 4).SaveWeights(path);
        var bigger = BiLstmModel(units: 5);
        var before = bigger.GetWeights().Select(w => w.ToArray()).ToList();
        var e = Assert.Throws<KerasFormatException>(() => bigger.LoadWeights(path));
        Assert.Contains("forward_lstm", e.Message);
        Assert.Contains("[3, 20]", e.Message);
        Assert.Contains("[3, 16]", e.Message);
        Assert.Equal(before, bigger.GetWeights().Select(w => w.ToArray()));   // nothing assigned
    }

    [Fact]
    public void CountMismatchNamesTheLayer()
    {
        string path = PathFor("m.weights.h5");
        new Sequential(new Input(shape: [3]), new Dense(2, useBias: false)).SaveWeights(path);
        var e = Assert.Throws<KerasFormatException>(() => new Sequential(new Input(shape: [3]), new Dense(2)).LoadWeights(path));
        Assert.Contains("expects 2 weight(s)", e.Message);
        Assert.Contains("the file has 1", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        string path = PathFor("nope.keras");
        var e = Assert.Throws<FileNotFoundException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Throws<FileNotFoundException>(() => BiLstmModel().LoadWeights(path));
    }

    [Fact]
    public void NonModelFilesAreRejectedClearly()
    {
        string path = PathFor("text.keras");
        File.WriteAllText(path, "{\"class_name\": \"Sequential\"}");
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("neither", e.Message);
        string weights = PathFor("w.weights.h5");
        BiLstmModel().SaveWeights(weights);
        Assert.Contains("without architecture", Assert.Throws<KerasFormatException>(() => Model.Load(weights)).Message);
    }

    [Fact]
    public void SavingIntoAMissingDirectoryIsAnIOException()
    {
        var e = Assert.ThrowsAny<IOException>(() => BiLstmModel().Save(Path.Combine(_dir, "no", "such", "m.keras")));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFile()
    {
        string path = PathFor("keep.bin");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));   // no temporary file left behind
    }

    [Fact]
    public void CorruptArchivesFailWithAFormatException()
    {
        string path = PathFor("model.keras");
        BiLstmModel().Save(path);
        var original = File.ReadAllBytes(path);
        var rng = new Random(17);
        for (int i = 0; i < 200; i++)
        {
            var data = i % 2 == 0 ? original[..rng.Next(original.Length)] : (byte[])original.Clone();
            if (i % 2 == 1) for (int k = 0; k < 4; k++) data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
            try
            {
                Model.Load(new MemoryStream(data));
            }
            catch (KerasFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i}: {e.GetType().Name} instead of KerasFormatException: {e}");
            }
        }
    }
}
