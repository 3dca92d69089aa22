using System.Text.Json.Nodes;
using Recur.Layers;
using static Recur.Tests.Layers.Recurrent.ManualBidirectional;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>The Bidirectional contract, exercised with a sequence layer that is not an RNN (<see cref="RunningSum"/>).</summary>
public sealed class BidirectionalTests : IDisposable
{
    private readonly NameScope _scope = NameScope.Fresh();

    public BidirectionalTests() => RunningSum.Register();

    public void Dispose() => _scope.Dispose();

    // [B=2, T=4, D=2], non-symmetric in time so that a missing or extra flip shows.
    private static Tensor Input() => new(
        [1f, -2f, 3f, 0.5f, -1f, 4f, 2f, 2f,
         0.5f, 1f, -3f, 2f, 1.5f, -0.5f, 4f, 1f], 2, 4, 2);

    private static readonly Tensor ForwardScale = new([2f, -1f], 2);
    private static readonly Tensor BackwardScale = new([0.5f, 3f], 2);

    /// <summary>Bidirectional with the explicit weights above (forward scale, then backward scale).</summary>
    private static Bidirectional Wrap(MergeMode mode = MergeMode.Concat, bool returnSequences = false, bool returnState = false,
        bool stateful = false) =>
        new(new RunningSum(returnSequences: returnSequences, returnState: returnState, stateful: stateful, name: "rs"), mode,
            weights: [ForwardScale, BackwardScale]);

    /// <summary>The two directions run as independent layers (zero_output_for_mask as Bidirectional forces it).</summary>
    private static (RunningSum Forward, RunningSum Backward) Independent(bool returnSequences = false, bool returnState = false, bool stateful = false)
    {
        var f = new RunningSum(returnSequences: returnSequences, returnState: returnState, stateful: stateful, zeroOutputForMask: returnSequences);
        var b = new RunningSum(returnSequences: returnSequences, returnState: returnState, stateful: stateful, zeroOutputForMask: returnSequences, goBackwards: true);
        f.Build([2, 4, 2]);
        b.Build([2, 4, 2]);
        f.SetWeights([ForwardScale]);
        b.SetWeights([BackwardScale]);
        return (f, b);
    }

    // ---- the contract with hand-computed numbers ----------------------------------------------------------------

    [Fact]
    public void CustomSequenceLayer_ConcatSequences_MatchHandComputedValues()
    {
        // D=1, decay 0.5, scale 1: forward h over 1,2,3 = 1, 2.5, 4.25; backward over 3,2,1 = 3, 3.5, 2.75 (flipped back).
        var bidi = new Bidirectional(new RunningSum(returnSequences: true));
        var y = bidi.Call(new Tensor([1f, 2f, 3f], 1, 3, 1));
        Assert.Single(y);
        Assert.Equal([1, 3, 2], y[0].Shape);
        Assert.Equal([1f, 2.75f, 2.5f, 3.5f, 4.25f, 3f], y[0].ToArray());
    }

    [Fact]
    public void CustomSequenceLayer_LastOutputs_MatchHandComputedValues()
    {
        var bidi = new Bidirectional(new RunningSum());
        Assert.Equal([4.25f, 2.75f], bidi.Call(new Tensor([1f, 2f, 3f], 1, 3, 1))[0].ToArray());
    }

    [Theory]
    [InlineData(MergeMode.Concat, false)]
    [InlineData(MergeMode.Concat, true)]
    [InlineData(MergeMode.Sum, false)]
    [InlineData(MergeMode.Sum, true)]
    [InlineData(MergeMode.Multiply, false)]
    [InlineData(MergeMode.Multiply, true)]
    [InlineData(MergeMode.Average, false)]
    [InlineData(MergeMode.Average, true)]
    public void MergeModes_EqualManualCompositionOfIndependentRuns(MergeMode mode, bool returnSequences)
    {
        var x = Input();
        var (f, b) = Independent(returnSequences);
        var y = f.Apply(x);
        var yb = b.Apply(x);
        var expected = Merge(mode, y, returnSequences ? FlipTime(yb) : yb);

        var output = Wrap(mode, returnSequences).Call(x);

        Assert.Single(output);
        Close(expected, output[0]);
    }

    [Fact]
    public void MergeModeNone_ReturnsBothDirections_BackwardFlippedToInputOrder()
    {
        var x = Input();
        var (f, b) = Independent(returnSequences: true);
        var output = Wrap(MergeMode.None, returnSequences: true).Call(x);
        Assert.Equal(2, output.Count);
        Close(f.Apply(x).ToArray(), output[0]);
        Close(FlipTime(b.Apply(x)).ToArray(), output[1]);
    }

    [Fact]
    public void Concat_PutsForwardFeaturesFirst()
    {
        var output = Wrap(MergeMode.Concat).Call(Input())[0];
        var f = Wrap(MergeMode.None).Call(Input());
        Assert.Equal(f[0][0, 0], output[0, 0]);
        Assert.Equal(f[1][0, 0], output[0, 2]);
    }

    [Fact]
    public void Gradients_FlowThroughMergeToInputs()
    {
        var bidi = new Bidirectional(new Identityish(), MergeMode.Average);
        var x = Input();
        x.RequiresGrad = true;
        Ops.Sum(bidi.Call(x)[0]).Backward();
        // ave of x and flip(flip(x)) = x, so d sum / dx = 1 everywhere.
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(1f, g, 6));
    }

    // ---- masks --------------------------------------------------------------------------------------------------

    public static TheoryData<bool[,]> Masks => new()
    {
        { new[,] { { true, true, true, false }, { true, true, false, false } } },   // right-padded
        { new[,] { { true, false, true, true }, { false, true, false, true } } },   // arbitrary
    };

    [Theory]
    [MemberData(nameof(Masks))]
    public void Mask_ReturnSequences_MaskedStepsAreZeroInBothHalves_AndEqualManualComposition(bool[,] maskValues)
    {
        var x = Input();
        var mask = Tensor.FromMask(maskValues);
        var (f, b) = Independent(returnSequences: true);
        var expected = Merge(MergeMode.Concat, f.Apply(x, mask), FlipTime(b.Apply(x, mask)));

        var output = Wrap(returnSequences: true).Call(x, mask: mask)[0];

        Close(expected, output);
        for (int i = 0; i < 2; i++)
            for (int t = 0; t < 4; t++)
                if (!maskValues[i, t])
                    for (int k = 0; k < 4; k++) Assert.Equal(0f, output[i, t, k]);
        Assert.Same(mask, output.KerasMask);
    }

    [Theory]
    [MemberData(nameof(Masks))]
    public void Mask_LastOutput_IsEachDirectionsLastValidProcessedStep(bool[,] maskValues)
    {
        var x = Input();
        var mask = Tensor.FromMask(maskValues);
        var (f, b) = Independent(returnSequences: true);
        var forwardSequence = f.Apply(x, mask);
        var backwardSequence = FlipTime(b.Apply(x, mask));

        var output = Wrap(returnSequences: false).Call(x, mask: mask)[0];

        for (int i = 0; i < 2; i++)
        {
            int lastValid = Enumerable.Range(0, 4).Last(t => maskValues[i, t]);
            int firstValid = Enumerable.Range(0, 4).First(t => maskValues[i, t]);
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(forwardSequence[i, lastValid, k], output[i, k], 6);
                Assert.Equal(backwardSequence[i, firstValid, k], output[i, 2 + k], 6);
            }
        }
        Assert.Null(output.KerasMask);
    }

    [Fact]
    public void Mask_AndTrainingAndConstants_ReachBothDirectionsUnchanged()
    {
        var bidi = Wrap(returnSequences: true);
        var mask = Tensor.FromMask(new[,] { { true, true, false, true }, { true, true, true, true } });
        Tensor[] constants = [Tensor.Ones(2, 3)];
        bidi.Invoke([Input()], new CallOptions { Mask = mask, Training = true, Constants = constants });
        foreach (var direction in new[] { (RunningSum)bidi.ForwardLayer, (RunningSum)bidi.BackwardLayer })
        {
            Assert.Same(mask, direction.LastOptions!.Mask);
            Assert.True(direction.LastOptions.Training);
            Assert.Same(constants, direction.LastOptions.Constants);
        }
    }

    [Fact]
    public void ZeroOutputForMask_IsForcedToReturnSequencesOnBothSubLayers()
    {
        var sequences = new Bidirectional(new RunningSum(returnSequences: true, zeroOutputForMask: false),
            backwardLayer: new RunningSum(returnSequences: true, goBackwards: true, zeroOutputForMask: false));
        Assert.True(((RunningSum)sequences.ForwardLayer).ZeroOutputForMask);
        Assert.True(((RunningSum)sequences.BackwardLayer).ZeroOutputForMask);

        var last = new Bidirectional(new RunningSum(zeroOutputForMask: true));
        Assert.False(((RunningSum)last.ForwardLayer).ZeroOutputForMask);
        Assert.False(((RunningSum)last.BackwardLayer).ZeroOutputForMask);
        Assert.False(last.GetConfig()["layer"]!["config"]!["zero_output_for_mask"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(false, MergeMode.Concat, new[] { false })]
    [InlineData(true, MergeMode.Concat, new[] { true })]
    [InlineData(true, MergeMode.None, new[] { true, true })]
    [InlineData(false, MergeMode.None, new[] { false, false })]
    public void ComputeMask_FollowsReturnSequencesAndMergeMode(bool returnSequences, MergeMode mode, bool[] present)
    {
        var mask = Tensor.Ones(2, 4);
        var masks = Wrap(mode, returnSequences).ComputeMask([Input()], mask);
        Assert.Equal(present.Length, masks.Count);
        for (int i = 0; i < present.Length; i++)
            if (present[i]) Assert.Same(mask, masks[i]);
            else Assert.Null(masks[i]);
    }

    [Fact]
    public void ComputeMask_WithReturnState_AppendsOneNullPerStateOfBothDirections()
    {
        var mask = Tensor.Ones(2, 4);
        var masks = Wrap(MergeMode.None, returnSequences: true, returnState: true).ComputeMask([Input()], mask);
        Assert.Equal(6, masks.Count); // 2 outputs + 2 states × 2 directions
        Assert.Same(mask, masks[0]);
        Assert.Same(mask, masks[1]);
        Assert.All(masks.Skip(2), Assert.Null);
    }

    // ---- states -------------------------------------------------------------------------------------------------

    [Fact]
    public void ReturnState_ReturnsOutputThenForwardStatesThenBackwardStates()
    {
        var x = Input();
        var (f, b) = Independent(returnState: true);
        var fr = f.Invoke([x]);
        var br = b.Invoke([x]);

        var output = Wrap(returnState: true).Call(x);
        Assert.Equal(5, output.Count);
        Close(Merge(MergeMode.Concat, fr[0], br[0]), output[0]);
        Close(fr[1].ToArray(), output[1]);
        Close(fr[2].ToArray(), output[2]);
        Close(br[1].ToArray(), output[3]);
        Close(br[2].ToArray(), output[4]);

        var none = Wrap(MergeMode.None, returnState: true).Call(x);
        Assert.Equal(6, none.Count);
        Close(fr[0].ToArray(), none[0]);
        Close(br[0].ToArray(), none[1]);
        Close(br[2].ToArray(), none[5]);
    }

    [Fact]
    public void InitialState_FirstHalfGoesForward_SecondHalfBackward()
    {
        var x = Input();
        Tensor hf = new([1f, 2f, 3f, 4f], 2, 2), nf = new([5f, 6f], 2, 1), hb = new([-1f, -2f, -3f, -4f], 2, 2), nb = new([7f, 8f], 2, 1);
        var (f, b) = Independent(returnState: true);
        var fr = f.Invoke([x], new CallOptions { InitialState = [hf, nf] });
        var br = b.Invoke([x], new CallOptions { InitialState = [hb, nb] });

        var output = Wrap(returnState: true).Call(x, initialState: [hf, nf, hb, nb]);

        Close(Merge(MergeMode.Concat, fr[0], br[0]), output[0]);
        Close(fr[2].ToArray(), output[2]);
        Close(br[2].ToArray(), output[4]);
    }

    [Fact]
    public void InitialState_OddCount_IsRejected()
    {
        var bidi = Wrap();
        var e = Assert.Throws<ArgumentException>(() => bidi.Call(Input(), initialState: [Tensor.Zeros(2, 2), Tensor.Zeros(2, 1), Tensor.Zeros(2, 2)]));
        Assert.Contains("initial_state", e.Message);
        Assert.Contains("received 3", e.Message);
    }

    [Fact]
    public void Stateful_EachDirectionCarriesItsStateAcrossCalls_AndResetStatesZeroesBoth()
    {
        var x = Input();
        var (f, b) = Independent(stateful: true);
        var bidi = Wrap(stateful: true);
        Assert.Null(bidi.States);

        var first = bidi.Call(x)[0].ToArray();
        var second = bidi.Call(x)[0];
        f.Apply(x);
        b.Apply(x);
        Close(Merge(MergeMode.Concat, f.Apply(x), b.Apply(x)), second);
        Assert.NotEqual(first, second.ToArray());

        var states = bidi.States!;
        Assert.Equal(4, states.Count);
        Close(f.States![0].ToArray(), states[0]);
        Close(b.States![1].ToArray(), states[3]);

        bidi.ResetStates();
        Assert.All(bidi.States!, s => Assert.All(s.ToArray(), v => Assert.Equal(0f, v)));
        Assert.Equal(first, bidi.Call(x)[0].ToArray());
    }

    [Fact]
    public void ResetStates_WithValues_SplitsInHalves()
    {
        var bidi = Wrap(stateful: true);
        bidi.Call(Input());
        Tensor[] values = [Tensor.Full(1f, 2, 2), Tensor.Full(2f, 2, 1), Tensor.Full(3f, 2, 2), Tensor.Full(4f, 2, 1)];
        bidi.ResetStates(values);
        Assert.Equal(values.Select(v => v.ToArray()), bidi.States!.Select(s => s.ToArray()));
    }

    [Fact]
    public void ResetStates_OnNonStatefulWrapper_Throws()
    {
        var bidi = Wrap();
        Assert.Null(bidi.States);
        var e = Assert.Throws<InvalidOperationException>(bidi.ResetStates);
        Assert.StartsWith("Layer must be stateful.", e.Message);
        Assert.Throws<InvalidOperationException>(() => bidi.ResetStates([Tensor.Zeros(2, 2), Tensor.Zeros(2, 2)]));
    }

    // ---- construction and validation ----------------------------------------------------------------------------

    [Fact]
    public void ForwardLayer_IsAFreshCopy_BuiltFromTheTemplatesShapeWithFreshWeights()
    {
        var template = new RunningSum(name: "rs");
        template.Build([null, 4, 3]);
        template.SetWeights([new Tensor([9f, 9f, 9f], 3)]);

        var bidi = new Bidirectional(template);

        Assert.NotSame(template, bidi.ForwardLayer);
        Assert.True(bidi.ForwardLayer.Built);
        Assert.True(bidi.BackwardLayer.Built);
        Assert.Equal([null, 4, 3], bidi.ForwardLayer.BuildInputShape);
        Assert.Equal([1f, 1f, 1f], bidi.ForwardLayer.Weights[0].Value.ToArray());
        Assert.Equal([9f, 9f, 9f], template.Weights[0].Value.ToArray());
        Assert.False(((ISequenceLayer)bidi.ForwardLayer).GoBackwards);
        Assert.True(((ISequenceLayer)bidi.BackwardLayer).GoBackwards);
    }

    [Theory]
    [InlineData("rs", "forward_rs", "backward_rs")]
    [InlineData("forward_rs", "forward_rs", "backward_forward_rs")]
    [InlineData("backward_rs", "forward_backward_rs", "backward_rs")]
    public void Names_GetThePrefixOnce(string template, string forward, string backward)
    {
        var bidi = new Bidirectional(new RunningSum(name: template));
        Assert.Equal(forward, bidi.ForwardLayer.Name);
        Assert.Equal(backward, bidi.BackwardLayer.Name);
    }

    [Fact]
    public void GivenBackwardLayer_IsUsedAsIs()
    {
        var backward = new RunningSum(goBackwards: true, name: "mine");
        backward.Build([null, 4, 2]);
        var weight = backward.Weights[0];

        var bidi = new Bidirectional(new RunningSum(name: "rs"), backwardLayer: backward);

        Assert.Same(backward, bidi.BackwardLayer);
        Assert.Equal("mine", bidi.BackwardLayer.Name);
        bidi.Call(Input());
        Assert.Same(weight, bidi.Weights[1]);
    }

    [Fact]
    public void UseCudnn_IsCopiedFromTheTemplate()
    {
        var bidi = new Bidirectional(new RunningSum(useCudnn: "off"));
        Assert.Equal("off", ((RunningSum)bidi.ForwardLayer).UseCudnn);
        Assert.Equal("off", ((RunningSum)bidi.BackwardLayer).UseCudnn);
        Assert.False(bidi.GetConfig()["layer"]!["config"]!.AsObject().ContainsKey("use_cudnn"));

        var given = new Bidirectional(new RunningSum(useCudnn: "off"), backwardLayer: new RunningSum(goBackwards: true));
        Assert.Equal("off", ((RunningSum)given.BackwardLayer).UseCudnn);
    }

    [Fact]
    public void Validation_RejectsNonLayersNonSequenceLayersAndUndefinedMergeModes()
    {
        var e1 = Assert.ThrowsAny<ArgumentException>(() => new Bidirectional(null!));
        Assert.Contains("keras.layers.Layer", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Bidirectional(new NotASequence()));
        Assert.Contains("sequence layer", e2.Message);
        Assert.Contains("NotASequence", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), backwardLayer: new NotASequence()));
        Assert.Contains("backward_layer", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), (MergeMode)42));
        Assert.Contains("merge mode", e4.Message);
    }

    [Fact]
    public void Validation_GoBackwardsMustDiffer()
    {
        // Keras 3: the automatic backward copy always goes backwards, so a backwards template is rejected.
        var e = Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(goBackwards: true)));
        Assert.Contains("go_backwards", e.Message);
        Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), backwardLayer: new RunningSum()));
        // A reversed pair passes validation (Keras flips the second output anyway).
        _ = new Bidirectional(new RunningSum(goBackwards: true), backwardLayer: new RunningSum());
    }

    [Theory]
    [InlineData("stateful")]
    [InlineData("return_sequences")]
    [InlineData("return_state")]
    public void Validation_FlagsMustAgree_NamingTheAttribute(string attribute)
    {
        var backward = new RunningSum(goBackwards: true, stateful: attribute == "stateful",
            returnSequences: attribute == "return_sequences", returnState: attribute == "return_state");
        var e = Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), backwardLayer: backward));
        Assert.Contains($"\"{attribute}\"", e.Message);
    }

    [Fact]
    public void Validation_ChecksGoBackwardsBeforeStatefulBeforeReturnSequences()
    {
        var both = new RunningSum(stateful: true, returnSequences: true);
        Assert.Contains("go_backwards", Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), backwardLayer: both)).Message);
        var flags = new RunningSum(goBackwards: true, stateful: true, returnSequences: true);
        Assert.Contains("\"stateful\"", Assert.Throws<ArgumentException>(() => new Bidirectional(new RunningSum(), backwardLayer: flags)).Message);
    }

    [Fact]
    public void Construction_CopiesFlagsAndInputSpec_AndSupportsMasking()
    {
        var template = new RunningSum(returnSequences: true, returnState: true);
        var bidi = new Bidirectional(template);
        Assert.True(bidi.ReturnSequences);
        Assert.True(bidi.ReturnState);
        Assert.False(bidi.Stateful);
        Assert.Same(template.InputSpec, bidi.InputSpec);
        Assert.True(bidi.SupportsMasking);
        Assert.Throws<ShapeMismatchException>(() => bidi.Call(Tensor.Zeros(2, 3)));
    }

    // ---- weights ------------------------------------------------------------------------------------------------

    [Fact]
    public void Weights_AreForwardThenBackward_TwiceTheTemplates()
    {
        var bidi = Wrap();
        bidi.Call(Input());
        Assert.Equal(["forward_rs/scale", "backward_rs/scale"], bidi.WeightPaths.Select(p => p.Path));
        Assert.Equal(2, bidi.TrainableWeights.Count);
        Assert.Empty(bidi.NonTrainableWeights);
        Assert.Equal(4, bidi.CountParams());
        Assert.Equal(ForwardScale.ToArray(), bidi.GetWeights()[0].ToArray());
        Assert.Equal(BackwardScale.ToArray(), bidi.GetWeights()[1].ToArray());
    }

    [Fact]
    public void WeightsArgument_OnAlreadyBuiltSubLayers_IsAppliedAtBuild()
    {
        var template = new RunningSum();
        template.Build([null, 4, 2]);
        var bidi = new Bidirectional(template, weights: [ForwardScale, BackwardScale]);
        Assert.Equal([1f, 1f], bidi.ForwardLayer.Weights[0].Value.ToArray());
        bidi.Build([null, 4, 2]);
        Assert.Equal(ForwardScale.ToArray(), bidi.ForwardLayer.Weights[0].Value.ToArray());
        Assert.Equal(BackwardScale.ToArray(), bidi.BackwardLayer.Weights[0].Value.ToArray());
    }

    [Fact]
    public void Trainable_ConstructorFlagIsTheWrappersOwn_SetterPropagates()
    {
        var bidi = new Bidirectional(new RunningSum(), trainable: false);
        bidi.Build([null, 4, 2]);
        Assert.Empty(bidi.TrainableWeights);
        Assert.Equal(2, bidi.NonTrainableWeights.Count);
        Assert.True(bidi.ForwardLayer.Trainable);

        bidi.Trainable = true;
        Assert.Equal(2, bidi.TrainableWeights.Count);
        bidi.Trainable = false;
        Assert.False(bidi.ForwardLayer.Trainable);
        Assert.False(bidi.BackwardLayer.Trainable);
    }

    // ---- config -------------------------------------------------------------------------------------------------

    [Fact]
    public void GetConfig_WritesKeras3Keys_WithBothSubLayers()
    {
        var config = new Bidirectional(new RunningSum(name: "rs"), MergeMode.None, name: "bi").GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "merge_mode", "layer", "backward_layer"], config.Select(kv => kv.Key));
        Assert.Null(config["merge_mode"]);
        Assert.Equal("forward_rs", config["layer"]!["config"]!["name"]!.GetValue<string>());
        Assert.Equal("backward_rs", config["backward_layer"]!["config"]!["name"]!.GetValue<string>());
        Assert.True(config["backward_layer"]!["config"]!["go_backwards"]!.GetValue<bool>());
        Assert.Equal("RunningSum", config["layer"]!["class_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(MergeMode.Concat, "concat")]
    [InlineData(MergeMode.Sum, "sum")]
    [InlineData(MergeMode.Multiply, "mul")]
    [InlineData(MergeMode.Average, "ave")]
    public void MergeMode_UsesKerasSpellings(MergeMode mode, string keras) =>
        Assert.Equal(keras, Wrap(mode).GetConfig()["merge_mode"]!.GetValue<string>());

    [Fact]
    public void ConfigRoundTrip_IsStable_AndKeepsNames()
    {
        var bidi = Wrap(MergeMode.Sum, returnSequences: true);
        bidi.Call(Input());
        var c1 = bidi.GetConfig();

        var again = Bidirectional.FromConfig(c1);
        var c2 = again.GetConfig();

        Assert.True(JsonNode.DeepEquals(c1, c2), $"{c1.ToJsonString()}\n{c2.ToJsonString()}");
        Assert.Equal("forward_rs", again.ForwardLayer.Name);
        Assert.Equal("backward_rs", again.BackwardLayer.Name);
        Assert.Equal(MergeMode.Sum, again.MergeMode);
        Assert.True(again.ForwardLayer.Built);
    }

    [Fact]
    public void ConfigRoundTrip_WithCustomBackward_KeepsItsName()
    {
        var bidi = new Bidirectional(new RunningSum(name: "rs"), backwardLayer: new RunningSum(goBackwards: true, name: "mine"));
        var again = (Bidirectional)KerasSerializer.DeserializeLayer(KerasSerializer.Serialize(bidi));
        Assert.Equal("forward_rs", again.ForwardLayer.Name);
        Assert.Equal("mine", again.BackwardLayer.Name);
        Assert.True(JsonNode.DeepEquals(bidi.GetConfig(), again.GetConfig()));
    }

    [Fact]
    public void FromConfig_RejectsInvalidMergeModeAndNonLayers()
    {
        var layer = KerasSerializer.Serialize(new RunningSum());
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            KerasSerializer.DeserializeLayer(new JsonObject { ["class_name"] = "Bidirectional", ["config"] = new JsonObject { ["layer"] = layer, ["merge_mode"] = "max" } }));
        Assert.Contains("merge", e.Message);
        Assert.ThrowsAny<ArgumentException>(() =>
            KerasSerializer.DeserializeLayer(JsonNode.Parse("""{"class_name": "Bidirectional", "config": {"layer": [[0.0]]}}""")));
        Assert.ThrowsAny<ArgumentException>(() =>
            KerasSerializer.DeserializeLayer(new JsonObject { ["class_name"] = "Bidirectional", ["config"] = new JsonObject { ["layer"] = layer.DeepClone(), ["units"] = 3 } }));
    }

    [Fact]
    public void FromConfig_NullMergeMode_IsNone() =>
        Assert.Equal(MergeMode.None, Bidirectional.FromConfig(new JsonObject { ["layer"] = KerasSerializer.Serialize(new RunningSum()), ["merge_mode"] = null }).MergeMode);

    // ---- shapes -------------------------------------------------------------------------------------------------

    public static TheoryData<MergeMode, bool, bool, int?[][]> ShapeTable => new()
    {
        // input [B, 4, 2], U = 2, states [B, 2] and [B, 1] per direction
        { MergeMode.Concat, false, false, [[null, 4]] },
        { MergeMode.Sum, false, false, [[null, 2]] },
        { MergeMode.None, false, false, [[null, 2], [null, 2]] },
        { MergeMode.Concat, true, false, [[null, 4, 4]] },
        { MergeMode.Average, true, false, [[null, 4, 2]] },
        { MergeMode.None, true, false, [[null, 4, 2], [null, 4, 2]] },
        { MergeMode.Concat, false, true, [[null, 4], [null, 2], [null, 1], [null, 2], [null, 1]] },
        { MergeMode.Multiply, false, true, [[null, 2], [null, 2], [null, 1], [null, 2], [null, 1]] },
        { MergeMode.None, false, true, [[null, 2], [null, 2], [null, 2], [null, 1], [null, 2], [null, 1]] },
        { MergeMode.Concat, true, true, [[null, 4, 4], [null, 2], [null, 1], [null, 2], [null, 1]] },
        { MergeMode.None, true, true, [[null, 4, 2], [null, 4, 2], [null, 2], [null, 1], [null, 2], [null, 1]] },
    };

    [Theory]
    [MemberData(nameof(ShapeTable))]
    public void ComputeOutputShape_FollowsTheKerasTable_AndMatchesCallShapes(MergeMode mode, bool returnSequences, bool returnState, int?[][] expected)
    {
        var bidi = Wrap(mode, returnSequences, returnState);
        Assert.Equal(expected, bidi.ComputeOutputShape([null, 4, 2]));
        var actual = bidi.Call(Input()).Select(t => t.Shape).ToArray();
        Assert.Equal(expected.Select(s => s.Select(d => d ?? 2).ToArray()), actual);
    }

    [Fact]
    public void ComputeOutputShape_UnknownFeatureSize_StaysUnknown() =>
        Assert.Equal([[null, null, null]], new Bidirectional(new RunningSum(returnSequences: true)).ComputeOutputShape([null, null, null]));

    /// <summary>Returns its input sequence (in processing order), so the wrapper's flip and merge are all that act.</summary>
    private sealed class Identityish(bool goBackwards = false, string? name = null) : Layer(name), ISequenceLayer
    {
        static Identityish() => KerasRegistry.RegisterLayer<Identityish>("Identityish");

        public override string KerasClassName => "Identityish";
        public bool GoBackwards { get; } = goBackwards;
        public bool ReturnSequences => true;
        public bool ReturnState => false;
        public bool Stateful => false;
        public bool? ZeroOutputForMask { get => null; set { } }
        public int StateCount => 0;
        public IReadOnlyList<Tensor>? States => null;
        public void ResetStates() { }
        public void ResetStates(IReadOnlyList<Tensor> states) { }

        public override JsonObject GetConfig()
        {
            var c = base.GetConfig();
            c["go_backwards"] = GoBackwards;
            return c;
        }

        protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options) =>
            [GoBackwards ? DirectionOps.ReverseTime(inputs[0]) : inputs[0] * 1f];

        public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [inputShape];
    }
}
