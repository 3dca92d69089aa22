using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

/// <summary>
/// The configs of the 15 real models in ../shared/models (SOURCES.md) build models with the parameter counts of their weight
/// files. The expected counts are the element totals of each file's weight datasets, counted offline with h5py.
/// </summary>
public sealed class ConfigRealModelsTests
{
    private static Model Load(string file, string version, long parameters)
    {
        var json = SharedModels.ConfigJson(file);
        var model = Model.FromJson(json, new KerasLoadOptions { KerasVersion = version });
        Assert.True(model.Built, $"{file}: the model is not built.");
        Assert.Equal(parameters, model.CountParams());
        // The version-free inference reads each real config as the dialect its version names.
        Assert.Equal(KerasDialects.FromVersion(version), KerasDialects.Infer(JsonNode.Parse(json)));
        // And the Keras 3 form reads back to the same config, except where Keras 3 has no way to say what the saving version
        // did: its Bidirectional always zeroes masked steps of returned sequences (standalone Keras 2 did not).
        var expected = model.GetConfig().ToJsonString();
        if (KerasDialects.FromVersion(version) == KerasDialect.Keras2)
            expected = expected.Replace("\"return_sequences\":true,\"return_state\":false,\"go_backwards\":false,\"stateful\":false,\"unroll\":false,\"zero_output_for_mask\":false",
                "\"return_sequences\":true,\"return_state\":false,\"go_backwards\":false,\"stateful\":false,\"unroll\":false,\"zero_output_for_mask\":true")
                .Replace("\"return_sequences\":true,\"return_state\":false,\"go_backwards\":true,\"stateful\":false,\"unroll\":false,\"zero_output_for_mask\":false",
                "\"return_sequences\":true,\"return_state\":false,\"go_backwards\":true,\"stateful\":false,\"unroll\":false,\"zero_output_for_mask\":true");
        Assert.Equal(expected, Model.FromJson(model.ToJson()).GetConfig().ToJsonString());
        return model;
    }

    private static IEnumerable<Layer> All(Layer l) => new[] { l }.Concat(l.Children.SelectMany(All));

    [RealModelFact("hwang_BiGRU.config.json")]
    public void Hwang_Keras204_BiGru_OldGruAndLegacyHardSigmoid()
    {
        var model = Load("hwang_BiGRU.config.json", "2.0.4", 33669);
        var gru = All(model).OfType<Gru>().ToList();
        Assert.Equal(2, gru.Count);
        Assert.All(gru, g => Assert.False(g.ResetAfter));
        Assert.All(gru, g => Assert.Equal(ActivationKind.HardSigmoidLegacy, g.RecurrentActivation.Kind));
        Assert.Equal([null, 5], model.Outputs[0].Shape);
    }

    [RealModelFact("similarity_bilstm_model.h5")]
    public void Similarity_Keras216_TwoInputsSharedEmbedding()
    {
        var model = Load("similarity_bilstm_model.h5", "2.1.6", 263381);
        Assert.Equal(2, model.Inputs.Count);
        var embedding = Assert.Single(model.Layers.OfType<Embedding>());
        Assert.Equal(2, model.Nodes.Count(n => n.Layer == embedding));
        Assert.False(embedding.Trainable);
        // Standalone Keras 2 repeated the previous output at masked steps inside Bidirectional.
        Assert.All(model.Layers.OfType<Bidirectional>().SelectMany(b => b.Children.OfType<ISequenceLayer>()),
            d => Assert.False(d.ZeroOutputForMask));
    }

    [RealModelFact("ruohan_cnngru_model.h5")]
    public void RuohanCnnGru_Keras231_InputShapeInsideTimeDistributed()
    {
        var model = Load("ruohan_cnngru_model.h5", "2.3.1", 143793);
        Assert.Equal([null, 60, 26, 26, 19], model.Inputs[0].Shape);
    }

    [RealModelFact("ruohan_bigru_model.h5")]
    public void RuohanBiGru_TfKeras27() => Assert.All(All(Load("ruohan_bigru_model.h5", "2.7.0", 12705)).OfType<Gru>(), g => Assert.True(g.ResetAfter));

    [RealModelFact("likhith_bidirectional_model.json")]
    public void Likhith_TfKeras210_ToJsonSidecar_FixedBatch() =>
        Assert.Equal([1, 21, 1], Load("likhith_bidirectional_model.json", "2.10.0", 51777).Inputs[0].Shape);

    [RealModelFact("sailesh_bilstm_model.keras")]
    public void Sailesh_TfKeras210() => Load("sailesh_bilstm_model.keras", "2.10.0", 33921);

    [RealModelFact("umarwar_BiLSTM.h5")]
    public void Umarwar_TfKeras214() => Load("umarwar_BiLSTM.h5", "2.14.0", 76470);

    [RealModelFact("gokul_ner_model.keras")]
    public void Gokul_TfKeras215_KerasArchive_TemplateNamedBidirectional()
    {
        var model = Load("gokul_ner_model.keras", "2.15.0", 81316);
        var bi = Assert.Single(model.Layers.OfType<Bidirectional>());
        Assert.Equal("forward_lstm_3", bi.ForwardLayer.Name);
        Assert.Equal("backward_lstm_3", bi.BackwardLayer.Name);
    }

    [RealModelFact("shashank_crnn_model.h5")]
    public void Shashank_Keras333() => Load("shashank_crnn_model.h5", "3.3.3", 283878);

    [RealModelFact("karan_bis2s.h5")]
    public void Karan_Keras37_DecoderStartedFromEncoderStates()
    {
        var model = Load("karan_bis2s.h5", "3.7.0", 510514);
        Assert.Equal(2, model.Inputs.Count);
        var decoder = model.Nodes.Single(n => n.Layer is Lstm);
        Assert.Equal(2, decoder.StateInputs);
        Assert.All(decoder.Inputs.Skip(1), s => Assert.IsType<Concatenate>(s.Producer!.Layer));
    }

    [RealModelFact("vansh_bi_rnn_model.h5")]
    public void Vansh_Keras38_SimpleRnn() => Load("vansh_bi_rnn_model.h5", "3.8.0", 49988);

    [RealModelFact("kathir_ner_model.h5")]
    public void Kathir_Keras312_FixedBatch() => Assert.Equal([8, 50], Load("kathir_ner_model.h5", "3.12.0", 153031).Inputs[0].Shape);

    [RealModelFact("pruthvi_captcha_model.keras")]
    public void Pruthvi_Keras312() => Load("pruthvi_captcha_model.keras", "3.12.0", 757435);

    [RealModelFact("kushagra_bigru_classifier.keras")]
    public void Kushagra_Keras313() => Load("kushagra_bigru_classifier.keras", "3.13.2", 17091);

    [RealModelFact("harsh_bilstm_ids.h5")]
    public void Harsh_Keras313() => Load("harsh_bilstm_ids.h5", "3.13.2", 208585);
}
