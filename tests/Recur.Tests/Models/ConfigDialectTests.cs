using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary>Hand-written configs, one per dialect feature, read by <see cref="Model.FromJson"/>.</summary>
public sealed class ConfigDialectTests
{
    private static readonly KerasLoadOptions Keras2 = new() { KerasVersion = "2.1.6" };
    private static readonly KerasLoadOptions TfKeras = new() { KerasVersion = "2.9.0" };

    private static Tensor Random(params int[] shape)
    {
        var rng = new Random(shape.Sum());
        return new Tensor(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), shape);
    }

    private static string Kt(string layer, int node, int tensor, string shape) =>
        $$$"""{"class_name": "__keras_tensor__", "config": {"shape": {{{shape}}}, "dtype": "float32", "keras_history": ["{{{layer}}}", {{{node}}}, {{{tensor}}}]}}""";

    // Two inputs, one Dense shared by both (two nodes), an encoder LSTM returning its states, and a decoder LSTM started
    // from them: Keras 3 nodes.
    private static readonly string Keras3Seq2Seq = $$$"""
        {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional", "config": {
          "name": "s2s", "trainable": true,
          "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5, 3], "dtype": "float32", "sparse": false, "name": "enc_in"}, "registered_name": null, "name": "enc_in", "inbound_nodes": []},
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4, 3], "dtype": "float32", "sparse": false, "name": "dec_in"}, "registered_name": null, "name": "dec_in", "inbound_nodes": []},
            {"module": "keras.layers", "class_name": "Dense", "config": {"name": "proj", "units": 6, "activation": "tanh"}, "registered_name": null, "name": "proj",
             "inbound_nodes": [{"args": [{{{Kt("enc_in", 0, 0, "[null, 5, 3]")}}}], "kwargs": {}}, {"args": [{{{Kt("dec_in", 0, 0, "[null, 4, 3]")}}}], "kwargs": {}}]},
            {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "encoder", "units": 8, "return_state": true}, "registered_name": null, "name": "encoder",
             "inbound_nodes": [{"args": [{{{Kt("proj", 0, 0, "[null, 5, 6]")}}}], "kwargs": {"mask": null, "training": false}}]},
            {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "decoder", "units": 8, "return_sequences": true}, "registered_name": null, "name": "decoder",
             "inbound_nodes": [{"args": [{{{Kt("proj", 1, 0, "[null, 4, 6]")}}}], "kwargs": {"initial_state": [{{{Kt("encoder", 0, 1, "[null, 8]")}}}, {{{Kt("encoder", 0, 2, "[null, 8]")}}}], "training": false}}]},
            {"module": "keras.layers", "class_name": "Dense", "config": {"name": "head", "units": 2}, "registered_name": null, "name": "head",
             "inbound_nodes": [{"args": [{{{Kt("decoder", 0, 0, "[null, 4, 8]")}}}], "kwargs": {}}]}
          ],
          "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]],
          "output_layers": ["head", 0, 0]}}
        """;

    // The same graph as tf.keras wrote it: list nodes, initial_state as triples in the kwargs of every entry.
    private const string TfKerasSeq2Seq = """
        {"class_name": "Functional", "config": {"name": "s2s",
          "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "enc_in"}, "name": "enc_in", "inbound_nodes": []},
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "dec_in"}, "name": "dec_in", "inbound_nodes": []},
            {"class_name": "Dense", "config": {"name": "proj", "trainable": true, "dtype": "float32", "units": 6, "activation": "tanh"}, "name": "proj", "inbound_nodes": [[["enc_in", 0, 0, {}]], [["dec_in", 0, 0, {}]]]},
            {"class_name": "LSTM", "config": {"name": "encoder", "units": 8, "return_state": true, "time_major": false, "implementation": 2}, "name": "encoder", "inbound_nodes": [[["proj", 0, 0, {}]]]},
            {"class_name": "LSTM", "config": {"name": "decoder", "units": 8, "return_sequences": true, "time_major": false, "implementation": 2}, "name": "decoder",
             "inbound_nodes": [[["proj", 1, 0, {"initial_state": [["encoder", 0, 1], ["encoder", 0, 2]]}]]]},
            {"class_name": "Dense", "config": {"name": "head", "units": 2}, "name": "head", "inbound_nodes": [[["decoder", 0, 0, {}]]]}
          ],
          "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]], "output_layers": [["head", 0, 0]]}, "keras_version": "2.9.0", "backend": "tensorflow"}
        """;

    // Standalone Keras 2: class Model, initial states appended to the RNN call's entries.
    private const string Keras2Seq2Seq = """
        {"class_name": "Model", "config": {"name": "s2s",
          "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "dtype": "float32", "sparse": false, "name": "enc_in"}, "name": "enc_in", "inbound_nodes": []},
            {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 3], "dtype": "float32", "sparse": false, "name": "dec_in"}, "name": "dec_in", "inbound_nodes": []},
            {"class_name": "Dense", "config": {"name": "proj", "units": 6, "activation": "tanh"}, "name": "proj", "inbound_nodes": [[["enc_in", 0, 0, {}]], [["dec_in", 0, 0, {}]]]},
            {"class_name": "LSTM", "config": {"name": "encoder", "units": 8, "return_state": true, "implementation": 1}, "name": "encoder", "inbound_nodes": [[["proj", 0, 0, {}]]]},
            {"class_name": "LSTM", "config": {"name": "decoder", "units": 8, "return_sequences": true, "implementation": 1}, "name": "decoder",
             "inbound_nodes": [[["proj", 1, 0, {}], ["encoder", 0, 1, {}], ["encoder", 0, 2, {}]]]},
            {"class_name": "Dense", "config": {"name": "head", "units": 2}, "name": "head", "inbound_nodes": [[["decoder", 0, 0, {}]]]}
          ],
          "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]], "output_layers": [["head", 0, 0]]}}
        """;

    [Fact]
    public void Keras3Functional_SharedLayerTwoInputsAndDecoderInitialState_MatchEagerComposition()
    {
        var model = Model.FromJson(Keras3Seq2Seq);
        Assert.Equal(["enc_in", "dec_in", "proj", "encoder", "decoder", "head"], model.Layers.Select(l => l.Name));
        var proj = model.Layers.Single(l => l.Name == "proj");
        Assert.Equal(2, model.Nodes.Count(n => n.Layer == proj));
        Assert.Equal(2, model.Nodes.Single(n => n.Layer.Name == "decoder").StateInputs);
        Assert.Equal(6 * 3 + 6 + 2 * (4 * 8 * (6 + 8) + 4 * 8) + 8 * 2 + 2, model.CountParams());

        var (a, b) = (Random(2, 5, 3), Random(2, 4, 3));
        var y = model.Invoke([a, b])[0];
        Layer L(string name) => model.Layers.Single(l => l.Name == name);
        var enc = L("encoder").Invoke([proj.Apply(a)]);
        var dec = L("decoder").Invoke([proj.Apply(b)], new CallOptions { InitialState = [enc[1], enc[2]] })[0];
        Assert.Equal(L("head").Apply(dec).ToArray(), y.ToArray());
    }

    [Fact]
    public void LegacyFunctional_TfKerasKwargsAndKeras2ExtraEntries_GiveTheKeras3Model()
    {
        var keras3 = Model.FromJson(Keras3Seq2Seq).GetConfig().ToJsonString();
        Assert.Equal(keras3, Model.FromJson(TfKerasSeq2Seq).GetConfig().ToJsonString());
        Assert.Equal(keras3, Model.FromJson(Keras2Seq2Seq, Keras2).GetConfig().ToJsonString());
    }

    [Fact]
    public void FunctionalConfig_WithAnUnproducedInput_NamesIt()
    {
        var broken = Keras3Seq2Seq.Replace("\"keras_history\": [\"encoder\", 0, 2]", "\"keras_history\": [\"encoder\", 0, 7]");
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson(broken));
        Assert.Contains("decoder", e.Message);
        Assert.Contains("['encoder', 0, 7]", e.Message);
    }

    [Fact]
    public void Sequential_Keras3WithInputLayer()
    {
        var model = Model.FromJson("""
            {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "trainable": true, "layers": [
              {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 7, 2], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_layer", "optional": false}, "registered_name": null},
              {"module": "keras.layers", "class_name": "GRU", "config": {"name": "gru", "units": 4}, "registered_name": null, "build_config": {"input_shape": [null, 7, 2]}},
              {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 1}, "registered_name": null}]},
             "registered_name": null}
            """);
        Assert.IsType<Sequential>(model);
        Assert.Equal([null, 7, 2], model.Inputs[0].Shape);
        Assert.Equal(3 * 4 * (2 + 4) + 2 * 3 * 4 + 4 + 1, model.CountParams());
    }

    [Fact]
    public void Sequential_Keras20ListConfigWithBatchInputShapeOnTheFirstLayer()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "keras_version": "2.0.4", "backend": "theano", "config": [
              {"class_name": "SimpleRNN", "config": {"name": "rnn_1", "units": 3, "batch_input_shape": [null, 6, 2], "dtype": "float32"}},
              {"class_name": "Dense", "config": {"name": "dense_1", "units": 1, "activation": "hard_sigmoid"}}]}
            """);
        Assert.Equal([null, 6, 2], model.Inputs[0].Shape);
        Assert.Equal(ActivationKind.HardSigmoidLegacy, ((Dense)model.Layers[1]).Activation.Kind);
    }

    [Fact]
    public void Sequential_WithoutAnyInputShape_IsUnbuiltUntilCalled()
    {
        var model = Model.FromJson("""{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 2}}]}}""");
        Assert.False(model.Built);
        Assert.Equal([3, 2], model.Call(Random(3, 5)).Dims);
    }

    [Fact]
    public void Sequential_InputShapeOnlyInsideTimeDistributed_IsHoisted()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "TimeDistributed", "config": {"name": "td", "layer": {"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 9, 4]}}}},
              {"class_name": "Bidirectional", "config": {"name": "bi", "merge_mode": "concat",
                "layer": {"class_name": "LSTM", "config": {"name": "lstm_1", "units": 3, "batch_input_shape": [null, 1, 9, 2]}}}}]}}
            """, new KerasLoadOptions { KerasVersion = "2.3.1" });
        Assert.Equal([null, 9, 4], model.Inputs[0].Shape);
        Assert.Equal([null, 6], model.Outputs[0].Shape);
    }

    [Fact]
    public void TfKerasBidirectional_TemplateKeepsItsNameAndNumConstantsIsAccepted()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "in"}},
              {"class_name": "Bidirectional", "config": {"name": "bidirectional_3", "trainable": true, "dtype": "float32", "merge_mode": "concat", "num_constants": 0,
                "layer": {"class_name": "LSTM", "config": {"name": "lstm_3", "trainable": true, "dtype": "float32", "units": 4, "return_sequences": true,
                  "recurrent_activation": "sigmoid", "time_major": false, "implementation": 2, "zero_output_for_mask": false}}}}]}}
            """, TfKeras);
        var bi = Assert.IsType<Bidirectional>(model.Layers[0]);
        Assert.Equal("forward_lstm_3", bi.ForwardLayer.Name);
        Assert.Equal("backward_lstm_3", bi.BackwardLayer.Name);
        // tf.keras in TF 2 zeroes masked steps of returned sequences in both directions, like Keras 3.
        Assert.All(bi.Children.OfType<ISequenceLayer>(), d => Assert.True(d.ZeroOutputForMask));
        Assert.Equal([null, 5, 8], model.Outputs[0].Shape);
    }

    private const string GruWithoutResetAfter = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "GRU", "config": {"name": "gru_1", "units": 4, "batch_input_shape": [null, 3, 2], "recurrent_activation": "hard_sigmoid", "implementation": 0}}]}}
        """;

    [Fact]
    public void Keras2Gru_WithoutResetAfter_IsTheOldFormulation()
    {
        var gru = (Gru)Model.FromJson(GruWithoutResetAfter, Keras2).Layers[0];
        Assert.False(gru.ResetAfter);
        Assert.Equal([3 * 4], gru.Weights[2].Value.Dims);
        Assert.Equal(0, gru.Implementation);
        // A Keras 3 config without the key takes Keras 3's default.
        Assert.True(((Gru)Model.FromJson(GruWithoutResetAfter, new KerasLoadOptions { KerasVersion = "3.8.0" }).Layers[0]).ResetAfter);
    }

    [Theory]
    [InlineData("2.1.6", 0.2)]
    [InlineData("2.2.4-tf", 0.2)]
    [InlineData("2.14.0", 0.2)]
    [InlineData("3.8.0", 1.0 / 6)]
    public void HardSigmoid_MeansWhatTheSavingVersionComputed(string version, double slope)
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "Dense", "config": {"name": "d", "units": 1, "activation": "hard_sigmoid", "use_bias": false, "batch_input_shape": [null, 1]}}]}}
            """, new KerasLoadOptions { KerasVersion = version });
        model.Layers[0].SetWeights([new Tensor([1f], 1, 1)]);
        float[] x = [-4f, -1f, 0f, 0.5f, 2f, 4f];
        var y = model.Call(new Tensor(x, 6, 1)).ToArray();
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(Math.Clamp(slope * x[i] + 0.5, 0, 1), y[i], 1e-6);
    }

    [Fact]
    public void HardSigmoid_Keras3Option_ReadsAKeras2FileAsKeras3Does()
    {
        var options = Keras2 with { HardSigmoid = HardSigmoidSemantics.Keras3 };
        var gru = (Gru)Model.FromJson(GruWithoutResetAfter, options).Layers[0];
        Assert.Equal(ActivationKind.HardSigmoid, gru.RecurrentActivation.Kind);
    }

    [Fact]
    public void LegacyHardSigmoidLstm_MatchesHandComputedStep_AndTheFusedKernelsDeclineIt()
    {
        var lstm = (Lstm)Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "LSTM", "config": {"name": "l", "units": 1, "recurrent_activation": "hard_sigmoid", "batch_input_shape": [null, 1, 1]}}]}}
            """, Keras2).Layers[0];
        Assert.Equal(ConfigUpgrades.LegacyHardSigmoid, lstm.RecurrentActivation.Name);
        // Gates i, f, c, o with kernel [1, 2, 3, 4], zero recurrent kernel and bias, x = 1, zero state.
        lstm.SetWeights([new Tensor([1f, 2f, 3f, 4f], 1, 4), new Tensor(new float[4], 1, 4), new Tensor(new float[4], 4)]);
        static double Hs(double z) => Math.Clamp(0.2 * z + 0.5, 0, 1);
        double c = Hs(1) * Math.Tanh(3), h = Hs(4) * Math.Tanh(c);
        Assert.Equal(h, lstm.Apply(new Tensor([1f], 1, 1, 1)).ToArray()[0], 1e-6);

        var info = new FusedCallInfo(new Tensor([1f], 1, 1, 1), [], null, false, false, false, false);
        Assert.Null(lstm.Cell.TryFuse(info, out var why));
        Assert.Contains("hard_sigmoid_legacy", why);
    }

    [Fact]
    public void CudnnLstmAndGru_BecomeLstmAndGruWithCudnnMaths()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "CuDNNLSTM", "config": {"name": "cu_dnnlstm_1", "units": 3, "return_sequences": true, "batch_input_shape": [null, 4, 2], "unit_forget_bias": true}},
              {"class_name": "CuDNNGRU", "config": {"name": "cu_dnngru_1", "units": 2}}]}}
            """, new KerasLoadOptions { KerasVersion = "2.2.4" });
        var lstm = Assert.IsType<Lstm>(model.Layers[0]);
        var gru = Assert.IsType<Gru>(model.Layers[1]);
        Assert.Equal(("tanh", "sigmoid"), (lstm.Activation.Name, lstm.RecurrentActivation.Name));
        Assert.Equal(("tanh", "sigmoid", true), (gru.Activation.Name, gru.RecurrentActivation.Name, gru.ResetAfter));
    }

    [Fact]
    public void CudnnWeights_ConvertAsKeras2Does()
    {
        // Expected values: Keras 2's convert_lstm_weights (numpy) on arange inputs, 2 inputs and 3 units.
        var kernel = new Tensor(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 12);
        var recurrent = new Tensor(Enumerable.Range(0, 36).Select(i => (float)i).ToArray(), 3, 12);
        var bias = new Tensor(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 24);
        Assert.True(CudnnWeights.IsCudnnLstm(bias.Dims, 3));
        var w = CudnnWeights.ToLstm(kernel, recurrent, bias, 3);
        Assert.Equal([0, 2, 13, 3, 5, 16, 6, 8, 19, 9, 11, 22, 1, 12, 14, 4, 15, 17, 7, 18, 20, 10, 21, 23], w[0].ToArray().Select(v => (int)v));
        Assert.Equal([0, 12, 24, 3, 15, 27, 6, 18, 30, 9, 21, 33, 1, 13, 25, 4, 16, 28, 7, 19, 31, 10, 22, 34, 2, 14, 26, 5, 17, 29, 8, 20, 32, 11, 23, 35],
            w[1].ToArray().Select(v => (int)v));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)(2 * i + 12)), w[2].ToArray());

        var gruBias = new Tensor(new float[18], 18);
        Assert.True(CudnnWeights.IsCudnnGru(gruBias.Dims, 3));
        Assert.Equal([2, 9], CudnnWeights.ToGru(new Tensor(new float[18], 2, 9), new Tensor(new float[27], 3, 9), gruBias, 3)[2].Dims);
    }

    [Fact]
    public void IntegerInputLayer_IsAcceptedAndKeptForEmbeddings()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "dtype": "int32", "sparse": false, "name": "ids"}},
              {"class_name": "Embedding", "config": {"name": "e", "input_dim": 10, "output_dim": 3, "input_length": 4}}]}}
            """);
        Assert.Equal("int32", ((InputLayer)model.Inputs[0].Producer!.Layer).DType);
        Assert.Equal([null, 4, 3], model.Outputs[0].Shape);
    }

    [Fact]
    public void TimeMajorTrue_IsRejectedWithTheReason()
    {
        var e = Assert.Throws<NotSupportedException>(() => Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "LSTM", "config": {"name": "l", "units": 2, "time_major": true}}]}}
            """, TfKeras));
        Assert.Contains("time_major", e.Message);
    }

    [Fact]
    public void Keras1_IsRejected() =>
        Assert.Throws<NotSupportedException>(() => Model.FromJson("""{"class_name": "Sequential", "config": []}""", new KerasLoadOptions { KerasVersion = "1.2.2" }));

    [Fact]
    public void LambdaLayer_ErrorNamesLayerAndClassAndExplainsRegistration()
    {
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson("""
            {"class_name": "Functional", "config": {"name": "m", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}, "name": "in", "inbound_nodes": []},
              {"class_name": "Lambda", "config": {"name": "scale_by_two", "function": ["4wEAAAAAAAAA", null, null]}, "name": "scale_by_two", "inbound_nodes": [[["in", 0, 0, {}]]]}],
              "input_layers": [["in", 0, 0]], "output_layers": [["scale_by_two", 0, 0]]}}
            """));
        Assert.Contains("'scale_by_two'", e.Message);
        Assert.Contains("'Lambda'", e.Message);
        Assert.Contains("Python code", e.Message);
        Assert.Contains("Bidirectional", e.Message);
        Assert.Contains("KerasRegistry.RegisterLayer<T>(\"Lambda\")", e.Message);
    }

    [Fact]
    public void CustomClass_ErrorSaysItIsCustom()
    {
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"module": "my_models.attention", "class_name": "Attention", "registered_name": "MyPkg>Attention", "config": {"name": "att"}}]}}
            """));
        Assert.Contains("'att'", e.Message);
        Assert.Contains("custom class", e.Message);
    }

    [Theory]
    [InlineData("2.0.4", KerasDialect.Keras2)]
    [InlineData("2.3.1", KerasDialect.Keras2)]
    [InlineData("2.2.4-tf", KerasDialect.TfKeras)]
    [InlineData("2.4.0", KerasDialect.TfKeras)]
    [InlineData("2.15.0", KerasDialect.TfKeras)]
    [InlineData("3.0.0", KerasDialect.Keras3)]
    [InlineData("1.2.2", KerasDialect.Keras1)]
    public void Versions_MapToDialects(string version, KerasDialect dialect) => Assert.Equal(dialect, KerasDialects.FromVersion(version));

    [Fact]
    public void Infer_ReadsTheHandWrittenSnippetsAsTheirDialects()
    {
        Assert.Equal(KerasDialect.Keras3, KerasDialects.Infer(JsonNode.Parse(Keras3Seq2Seq)));
        Assert.Equal(KerasDialect.TfKeras, KerasDialects.Infer(JsonNode.Parse(TfKerasSeq2Seq)));
        Assert.Equal(KerasDialect.Keras2, KerasDialects.Infer(JsonNode.Parse(Keras2Seq2Seq)));
    }
}
