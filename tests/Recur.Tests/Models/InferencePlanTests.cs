using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary>
/// <see cref="Model.Predict(Tensor, int)"/>'s inference plan against the layer path (<see cref="Model.Call(Tensor, bool)"/>
/// batch by batch): bit-identical outputs for every supported layer and merge mode, the layer path for everything else,
/// current weights after every change, and safe concurrent calls.
/// </summary>
public sealed class InferencePlanTests
{
    /// <summary>Models whose every layer has an inference stage, on <c>[B, 6, 4]</c> unless named otherwise.</summary>
    internal static Model Supported(string name) => name switch
    {
        "doc" => new Sequential(new Input(shape: [5, 10]), new Bidirectional(new Lstm(10, returnSequences: true)),
            new Bidirectional(new Lstm(10)), new Dense(5, activation: "softmax")),
        "lstm_per_step_dense" => Seq(new Lstm(7, returnSequences: true), new Dense(3, activation: "tanh"), new Activation("softmax")),
        "lstm_backwards_last" => Seq(new Lstm(5, goBackwards: true, recurrentActivation: "hard_sigmoid"), new Dense(4, activation: "sigmoid")),
        "lstm_dropout_inference" => Seq(new Lstm(5, dropout: 0.3f, recurrentDropout: 0.2f, returnSequences: true), new Dropout(0.5f), new Lstm(3)),
        "gru_per_step_relu" => Seq(new Gru(6, returnSequences: true), new Dropout(0.3f), new Dense(2, activation: "relu")),
        "gru_v1_backwards" => Seq(new Gru(5, resetAfter: false, goBackwards: true, returnSequences: true), new Gru(4, resetAfter: false)),
        "simple_rnn_stack" => Seq(new SimpleRnn(8, activation: "relu", returnSequences: true), new SimpleRnn(4), new Dense(2, activation: "softmax")),
        "no_bias" => Seq(new Lstm(4, useBias: false, returnSequences: true), new Bidirectional(new Gru(3, useBias: false)), new Dense(2, useBias: false)),
        "functional_chain" => Functional(),
        _ => Bidirectional(name),
    };

    /// <summary>"bi_{lstm|gru|gru_v1|rnn}_{concat|sum|mul|ave}_{seq|last}": one Bidirectional, then a softmax Dense.</summary>
    private static Sequential Bidirectional(string name)
    {
        var parts = name.Split('_');
        bool sequences = parts[^1] == "seq";
        var mode = parts[^2] switch { "concat" => MergeMode.Concat, "sum" => MergeMode.Sum, "mul" => MergeMode.Multiply, _ => MergeMode.Average };
        Layer cell = string.Join('_', parts[1..^2]) switch
        {
            "lstm" => new Lstm(5, returnSequences: sequences),
            "gru" => new Gru(5, returnSequences: sequences),
            "gru_v1" => new Gru(5, resetAfter: false, returnSequences: sequences),
            "rnn" => new SimpleRnn(5, returnSequences: sequences),
            var other => throw new ArgumentException($"unknown cell '{other}'"),
        };
        return Seq(new Bidirectional(cell, mergeMode: mode), new Dense(3, activation: "softmax"));
    }

    private static Sequential Seq(params Layer[] layers) => new(new Input(shape: [6, 4]), layers);

    private static Model Functional()
    {
        var input = new Input(shape: [6, 4]);
        var h = new Bidirectional(new Gru(4, returnSequences: true), mergeMode: MergeMode.Sum).Apply(input);
        var y = new Activation("softmax").Apply(new Dense(3).Apply(new Lstm(5).Apply(h)));
        return new Model(input, y);
    }

    public static TheoryData<string, int, int> Cases()
    {
        string[] models =
        [
            "doc", "lstm_per_step_dense", "lstm_backwards_last", "lstm_dropout_inference", "gru_per_step_relu", "gru_v1_backwards",
            "simple_rnn_stack", "no_bias", "functional_chain",
            "bi_lstm_concat_seq", "bi_lstm_concat_last", "bi_lstm_sum_seq", "bi_lstm_mul_last", "bi_lstm_ave_seq",
            "bi_gru_concat_seq", "bi_gru_sum_last", "bi_gru_mul_seq", "bi_gru_ave_last",
            "bi_gru_v1_concat_last", "bi_gru_v1_ave_seq", "bi_rnn_concat_seq", "bi_rnn_sum_last", "bi_rnn_mul_seq", "bi_rnn_ave_last",
        ];
        // (samples, batch size): one sample, one partial batch, exact batches, and a ragged last batch.
        (int N, int Batch)[] batches = [(1, 32), (5, 32), (8, 8), (7, 3)];
        var data = new TheoryData<string, int, int>();
        foreach (var m in models)
            foreach (var (n, b) in batches) data.Add(m, n, b);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Predict_MatchesLayerPath_BitForBit(string name, int samples, int batchSize)
    {
        var model = Supported(name);
        Randomize(model, seed: 1);
        var x = Random(new Random(2), [samples, .. Samples(model)]);
        Assert.NotNull(model.InferencePlanFor(x));
        AssertBits(LayerPath(model, x, batchSize), model.Predict(x, batchSize));
    }

    [Theory, InlineData("doc"), InlineData("bi_gru_sum_seq"), InlineData("functional_chain")]
    public void PredictOnBatch_And_ListPredict_UseThePlan(string name)
    {
        var model = Supported(name);
        Randomize(model, seed: 3);
        var x = Random(new Random(4), [4, .. Samples(model)]);
        AssertBits(LayerPath(model, x, 4), model.PredictOnBatch(x));
        AssertBits(LayerPath(model, x, 3), model.Predict([x], batchSize: 3)[0]);
    }

    [Theory, InlineData("doc", 7, 3), InlineData("bi_gru_sum_last", 5, 8), InlineData("lstm_per_step_dense", 6, 6)]
    public void Evaluate_WithAPlan_ReportsTheLayerPathsLossAndMetrics(string name, int samples, int batchSize)
    {
        var model = Supported(name);
        Randomize(model, seed: 5);
        var x = Random(new Random(6), [samples, .. Samples(model)]);
        var outShape = model.Predict(x, batchSize).Shape;
        var y = Random(new Random(7), outShape);
        var loss = new MeanSquaredError();
        model.Compile(new Sgd(), loss, [new MeanAbsoluteErrorMetric()]);
        Assert.NotNull(model.InferencePlanFor(x));

        // The reference: the layer path's predictions per batch, the loss weighted by batch size, the metric over all.
        var pred = new Tensor(LayerPath(model, x, batchSize), outShape);
        double expectedLoss = 0;
        int row = y.Size / samples;
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            Tensor Rows(Tensor t) => new(t.AsReadOnlySpan().Slice(start * row, count * row).ToArray(), [count, .. outShape[1..]]);
            expectedLoss += (double)loss.Compute(Rows(y), Rows(pred)).Item() * count;
        }
        var mae = new MeanAbsoluteErrorMetric();
        mae.Update(y, pred, null);

        var logs = model.Evaluate(x, y, batchSize);
        Assert.Equal(expectedLoss / samples, logs["loss"]); // the same batches, the same sums: exactly
        Assert.Equal(mae.Result(), logs["mean_absolute_error"], 1e-6); // one update vs one per batch: summed in another order
    }

    [Fact]
    public void Predict_ReadsTheCurrentWeights_AfterSetWeightsAndFit()
    {
        var model = Supported("doc");
        Randomize(model, seed: 5);
        var x = Random(new Random(6), [9, 5, 10]);
        var before = model.Predict(x, batchSize: 4).ToArray();

        Randomize(model, seed: 7);
        var afterSet = model.Predict(x, batchSize: 4);
        Assert.NotEqual(before, afterSet.ToArray());
        AssertBits(LayerPath(model, x, 4), afterSet);

        model.Compile(new Sgd(learningRate: 0.5f), new CategoricalCrossentropy());
        var labels = new float[9 * 5];
        for (int i = 0; i < 9; i++) labels[i * 5 + i % 5] = 1f;
        model.Fit(x, new Tensor(labels, 9, 5), batchSize: 9, epochs: 1, verbose: 0, seed: 1);
        var afterFit = model.Predict(x, batchSize: 4);
        Assert.NotEqual(afterSet.ToArray(), afterFit.ToArray());
        AssertBits(LayerPath(model, x, 4), afterFit);
    }

    public static TheoryData<string> Unsupported =>
        ["masking", "stateful", "custom_layer", "gelu_dense", "nested_model", "return_state", "model_subclass"];

    [Theory, MemberData(nameof(Unsupported))]
    public void Predict_WithoutAPlan_RunsTheLayerPath(string name)
    {
        var model = name switch
        {
            "masking" => Seq(new Masking(), new Lstm(3)),
            "stateful" => new Sequential(new Input(shape: [6, 4], batchSize: 3), new Lstm(3, stateful: true)),
            "custom_layer" => Seq(new Lstm(3, returnSequences: true), new Recur.Tests.Layers.ScaleLayer(2f)),
            "gelu_dense" => Seq(new Lstm(3), new Dense(2, activation: "gelu")),
            "nested_model" => Seq(Seq(new Lstm(3)), new Dense(2)),
            "return_state" => ReturnState(),
            _ => Doubling(),
        };
        Randomize(model, seed: 8);
        var x = Random(new Random(9), [3, 6, 4]);
        if (name == "masking") x.AsSpan()[..8].Clear();   // the first two steps of sample 0 are padding
        Assert.Null(model.InferencePlanFor(x));
        int batchSize = name == "stateful" ? 3 : 2;   // a stateful layer takes the batch size it was built for
        var expected = LayerPath(model, x, batchSize);
        if (model.Layers[0] is Lstm { Stateful: true } stateful) stateful.ResetStates();
        AssertBits(expected, model.Predict(x, batchSize));

        static Model ReturnState()
        {
            var input = new Input(shape: [6, 4]);
            var outputs = new Lstm(3, returnState: true).ApplyAll(input);
            return new Model(input, new Dense(2).Apply(outputs[1]));
        }

        static Model Doubling()
        {
            var input = new Input(shape: [6, 4]);
            return new DoublingModel(input, new Dense(2).Apply(new Lstm(3).Apply(input)));
        }
    }

    /// <summary>A model whose call differs from its graph's: the plan must not stand in for it.</summary>
    private sealed class DoublingModel(SymbolicTensor input, SymbolicTensor output) : Model(input, output)
    {
        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) =>
            [.. base.Call(inputs, options).Select(t => t * 2f)];
    }

    [Fact]
    public void Predict_UnderForcedRecurrentPaths_RunsTheLayerPath()
    {
        var model = Supported("doc");
        var x = Random(new Random(10), [2, 5, 10]);
        using (RnnPaths.Force(genericLoop: true)) Assert.Null(model.InferencePlanFor(x));
        using (RnnPaths.Force(twoPass: true)) Assert.Null(model.InferencePlanFor(x));
        Assert.NotNull(model.InferencePlanFor(x));
    }

    [Fact]
    public void Predict_FollowsTheGraph_WhenASequentialChanges()
    {
        var model = Seq(new Lstm(3));
        var x = Random(new Random(11), [2, 6, 4]);
        Assert.Equal([2, 3], model.Predict(x).Shape);
        model.Add(new Dense(2));
        Assert.Equal([2, 2], model.Predict(x).Shape);
        AssertBits(LayerPath(model, x, 32), model.Predict(x));
        model.Pop();
        Assert.Equal([2, 3], model.Predict(x).Shape);
        model.Pop();
        Assert.Throws<InvalidOperationException>(() => model.Predict(x));
    }

    [Fact]
    public void Predict_OnOtherSampleShapes_MakesAPlanPerShape_OrTheLayerPathRejectsThem()
    {
        var input = new Input(shape: [null, 4]);
        var model = new Sequential(input, new Bidirectional(new Gru(3)), new Dense(2));
        Randomize(model, seed: 12);
        foreach (int steps in new[] { 6, 2, 6 })
        {
            var x = Random(new Random(steps), [3, steps, 4]);
            Assert.NotNull(model.InferencePlanFor(x));
            AssertBits(LayerPath(model, x, 2), model.Predict(x, batchSize: 2));
        }
        var wrongFeatures = Random(new Random(13), [3, 6, 5]);
        Assert.Null(model.InferencePlanFor(wrongFeatures));
        Assert.ThrowsAny<ArgumentException>(() => model.Predict(wrongFeatures));
        Assert.ThrowsAny<ArgumentException>(() => model.Predict(Tensor.Zeros(0, 6, 4)));
    }

    [Fact]
    public void Predict_FromSeveralThreadsAtOnce_GivesEachCallerItsOwnResult()
    {
        var model = Supported("bi_lstm_sum_seq");
        Randomize(model, seed: 14);
        var inputs = Enumerable.Range(0, 4).Select(i => Random(new Random(100 + i), [9, 6, 4])).ToArray();
        var expected = inputs.Select(x => model.Predict(x, batchSize: 4).ToArray()).ToArray();
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, inputs.Length).Select(i => new Thread(() =>
        {
            try
            {
                for (int k = 0; k < 25; k++) AssertBits(expected[i], model.Predict(inputs[i], batchSize: 4));
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Empty(failures);
    }

    internal static int[] Samples(Model model) => [.. model.Inputs[0].Shape.Skip(1).Select(d => d ?? 6)];

    internal static void Randomize(Model model, int seed)
    {
        var rng = new Random(seed);
        model.SetWeights([.. model.Weights.Select(v => Random(rng, v.Shape, scale: 0.6))]);
    }

    internal static Tensor Random(Random rng, int[] shape, double scale = 1.5)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return new Tensor(data, shape);
    }

    /// <summary>The layer path: <see cref="Model.Call(Tensor, bool)"/> on each batch, rows concatenated.</summary>
    internal static float[] LayerPath(Model model, Tensor x, int batchSize)
    {
        using var _ = Autograd.NoGrad();
        int n = x.Dim(0), row = x.Size / n;
        var rows = new List<float>();
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            var batch = new Tensor(x.AsReadOnlySpan().Slice(start * row, count * row).ToArray(), [count, .. x.Shape[1..]]);
            rows.AddRange(model.Call(batch).ToArray());
        }
        return [.. rows];
    }

    internal static void AssertBits(float[] expected, Tensor actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.ToArray().Select(BitConverter.SingleToInt32Bits));
}
