using Recur.Layers;
using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

/// <summary>Functional models around Bidirectional: return_state feeding a decoder, and masking independence.</summary>
public sealed class EncoderDecoderTests
{
    [Fact]
    public void BidirectionalStates_InitialiseDecoder_MatchEagerComposition_AndTrain()
    {
        using var _ = NameScope.Fresh();
        var encIn = new Input(shape: [6, 4]);
        var decIn = new Input(shape: [3, 5]);
        var encoder = new Bidirectional(new Lstm(6, returnState: true));
        var enc = encoder.ApplyAll(encIn);                                  // [output, h_f, c_f, h_b, c_b]
        Assert.Equal(5, enc.Count);
        var h = new Concatenate().Apply(enc[1], enc[3]);
        var c = new Concatenate().Apply(enc[2], enc[4]);
        var decoder = new Lstm(12, returnSequences: true);
        var dense = new Dense(2, activation: "softmax");
        var output = dense.Apply(decoder.Apply(decIn, [h, c]));
        var model = new Model([encIn, decIn], [output]);

        var xe = GradCheck.Random([4, 6, 4], 1);
        var xd = GradCheck.Random([4, 3, 5], 2);
        var y = model.Predict(new[] { xe, xd })[0];
        Assert.Equal([4, 3, 2], y.Shape);

        // The same layers composed by hand, eagerly.
        var states = encoder.Call(xe);
        var h0 = Ops.Concat([states[1], states[3]], -1);
        var c0 = Ops.Concat([states[2], states[4]], -1);
        var expected = dense.Apply(decoder.Call(xd, [h0, c0])[0]);
        Assert.Equal(expected.ToArray(), y.ToArray());

        // Gradients reach the encoder through the decoder's initial states.
        foreach (var v in model.TrainableWeights) v.Value.ZeroGrad();
        var loss = Ops.Sum(model.Invoke([xe, xd])[0] * GradCheck.Random([4, 3, 2], 3));
        loss.Backward();
        Assert.All(encoder.TrainableWeights, v => Assert.Contains(v.Value.Grad!.ToArray(), g => g != 0f));
    }

    [Fact]
    public void ChangingPaddedSteps_ChangesNoUnmaskedOutputAndNoLoss()
    {
        using var _ = NameScope.Fresh();
        var bi = new Bidirectional(new Lstm(5, returnSequences: true));
        var head = new TimeDistributed(new Dense(3, activation: "softmax"));
        var mask = Tensor.FromMask(new[,] { { true, true, true, false, false }, { true, false, true, true, false } });
        var x1 = GradCheck.Random([2, 5, 4], 1);
        var x2 = x1.Clone();
        var rng = new Random(9);
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 5; t++)
                if (mask[b, t] == 0f)
                    for (int f = 0; f < 4; f++) x2[b, t, f] = (float)(rng.NextDouble() * 20 - 10);   // garbage in the padding

        var y = GradCheck.Random([2, 5, 3], 4);
        Loss loss = "categorical_crossentropy";
        (float[] Out, float Loss) Run(Tensor x)
        {
            var seq = bi.Apply(x, mask);
            var probs = head.Apply(seq, mask);
            return (probs.ToArray(), loss.Compute(y, probs, mask).Item());
        }
        var (o1, l1) = Run(x1);
        var (o2, l2) = Run(x2);
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 5; t++)
                if (mask[b, t] != 0f)
                    for (int k = 0; k < 3; k++)
                        Assert.Equal(o1[(b * 5 + t) * 3 + k], o2[(b * 5 + t) * 3 + k]);
        Assert.Equal(l1, l2);
        Assert.NotEqual(x1.ToArray(), x2.ToArray());
    }
}
