using Recur.Layers;
using Recur.Models;
using Recur.Saving.Hdf5;
using Recur.Tests.TestKit;

namespace Recur.Tests.Saving;

/// <summary>Legacy HDF5 weights (Keras 2 <c>save_weights</c> layout): positional assignment through <c>weight_names</c>, cuDNN conversion.</summary>
public sealed class LegacyWeightsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recur-legacy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Model(int units) => new(new Input(shape: [5, 3]), new Dropout(0.1f), new Bidirectional(new Lstm(units)), new Dense(2));

    // A Keras 2 weights-only file: root layer_names (weightless layers included), one group per layer, datasets at weight_names.
    private string WriteLegacy(IReadOnlyList<(string Layer, (string Name, Tensor Value)[] Weights)> layers)
    {
        var root = new Hdf5WriteGroup();
        root.Attributes["layer_names"] = layers.Select(l => l.Layer).ToArray();
        root.Attributes["keras_version"] = "2.2.4";
        root.Attributes["backend"] = "tensorflow";
        foreach (var (layer, weights) in layers)
        {
            var g = root.Group(layer);
            g.Attributes["weight_names"] = weights.Select(w => w.Name).ToArray();
            foreach (var (name, value) in weights) g.Dataset(name, Hdf5WriteDataset.Float32(value.ToArray(), value.Shape));
        }
        string path = Path.Combine(_dir, $"{Guid.NewGuid():N}.h5");
        File.WriteAllBytes(path, Hdf5Writer.Write(root));
        return path;
    }

    private static Tensor Values(int seed, params int[] shape) => Reference.Distinct(shape, seed) * 0.01f;

    // Keras order: the Bidirectional's six arrays, then the Dense kernel and bias.
    private static List<Tensor> KerasOrder(Sequential m) => [.. m.Layers[1].GetWeights(), .. m.Layers[2].GetWeights()];

    [Fact]
    public void AssignsByPositionThroughWeightNames()
    {
        var source = KerasOrder(Model(4));
        string[] names = ["kernel:0", "recurrent_kernel:0", "bias:0"];
        string path = WriteLegacy(
        [
            ("dropout_1", []),
            ("bidirectional_1", [.. names.Select((n, i) => ($"bidirectional_1/forward_lstm_1/{n}", source[i])),
                                 .. names.Select((n, i) => ($"bidirectional_1/backward_lstm_1/{n}", source[3 + i]))]),
            ("dense_1", [("dense_1/kernel:0", source[6]), ("dense_1/bias:0", source[7])]),
        ]);
        var model = Model(4);
        model.LoadWeights(path);
        Assert.Equal(source.Select(t => t.ToArray()), KerasOrder(model).Select(t => t.ToArray()));
    }

    [Fact]
    public void ConvertsCudnnLstmWeights()
    {
        const int u = 4;
        var k = Values(1, 3, 4 * u);
        var r = Values(2, u, 4 * u);
        var b = Values(3, 8 * u);
        var dense = Model(u).Layers[2].GetWeights();
        string path = WriteLegacy(
        [
            ("bidirectional_1", [("f/kernel:0", k), ("f/recurrent_kernel:0", r), ("f/bias:0", b), ("b/kernel:0", k), ("b/recurrent_kernel:0", r), ("b/bias:0", b)]),
            ("dense_1", [("dense_1/kernel:0", dense[0]), ("dense_1/bias:0", dense[1])]),
        ]);
        var model = Model(u);
        model.LoadWeights(path);
        var expected = CudnnWeights.ToLstm(k, r, b, u);
        var actual = model.Layers[1].GetWeights();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i].ToArray(), actual[i].ToArray());
            Assert.Equal(expected[i].ToArray(), actual[3 + i].ToArray());
        }
    }

    [Fact]
    public void LayerCountMismatchListsBothSides()
    {
        var w = Model(4).Layers[2].GetWeights();
        string path = WriteLegacy([("dense_9", [("dense_9/kernel:0", w[0]), ("dense_9/bias:0", w[1])])]);
        var e = Assert.Throws<KerasFormatException>(() => Model(4).LoadWeights(path));
        Assert.Contains("2 layer(s) with weights", e.Message);
        Assert.Contains("dense_9", e.Message);
    }
}
