using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

/// <summary><see cref="Model.ToJson"/> writes the Keras 3 form, and <see cref="Model.FromJson"/> reads it back to an equal config.</summary>
public sealed class ConfigRoundTripTests
{
    private static void AssertRoundTrip(Model model)
    {
        var json = model.ToJson();
        var again = Model.FromJson(json);
        Assert.Equal(model.GetType(), again.GetType());
        Assert.Equal(model.GetConfig().ToJsonString(), again.GetConfig().ToJsonString());
        Assert.Equal(model.CountParams(), again.CountParams());
        Assert.Equal(json, again.ToJson());
    }

    [Fact]
    public void Functional_TwoInputsSharedLayerAndDecoderInitialState()
    {
        var enc = new Input([5, 3], name: "enc");
        var dec = new Input([4, 3], name: "dec");
        var proj = new Dense(6, name: "shared_proj");
        var states = new Lstm(8, returnState: true, name: "encoder_lstm").ApplyAll(proj.Apply(enc));
        var y = new Lstm(8, returnSequences: true, name: "decoder_lstm").Apply(proj.Apply(dec), [states[1], states[2]]);
        var model = new Model([enc, dec], [new Dense(2, name: "out").Apply(y)], name: "seq2seq");
        AssertRoundTrip(model);
        Assert.Contains("\"initial_state\"", model.ToJson());
    }

    [Fact]
    public void Functional_BidirectionalReturnStateAndMergedStates()
    {
        var x = new Input([6, 2], name: "x");
        var outs = new Bidirectional(new Gru(3, returnState: true, name: "g"), name: "bi").ApplyAll(x);
        var merged = new Concatenate(name: "states").Apply(outs[1], outs[2]);
        AssertRoundTrip(new Model([x], [outs[0], merged], name: "two_outputs"));
    }

    [Fact]
    public void Sequential_WithInput() =>
        AssertRoundTrip(new Sequential(new Input([7, 2]), new Bidirectional(new Lstm(4, returnSequences: true)), new TimeDistributed(new Dense(1))));

    [Fact]
    public void LegacyHardSigmoid_KeepsItsMeaningThroughKeras3Json()
    {
        var model = Model.FromJson("""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "GRU", "config": {"name": "g", "units": 2, "recurrent_activation": "hard_sigmoid", "batch_input_shape": [null, 3, 1]}}]}}
            """, new KerasLoadOptions { KerasVersion = "2.1.6" });
        AssertRoundTrip(model);
        Assert.Contains("\"recurrent_activation\":\"hard_sigmoid_legacy\"", model.ToJson());
    }
}
