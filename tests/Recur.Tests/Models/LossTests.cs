using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

public sealed class LossTests
{
    private static readonly Tensor YTrue = new(new float[,] { { 0, 1, 0 }, { 1, 0, 0 } });
    private static readonly Tensor Probs = new(new float[,] { { 0.2f, 0.7f, 0.1f }, { 0.5f, 0.3f, 0.2f } });

    [Fact]
    public void CategoricalCrossentropy_Probabilities_MatchesHand()
    {
        double expected = (-Math.Log(0.7) - Math.Log(0.5)) / 2;
        Assert.Equal(expected, Loss.Get("categorical_crossentropy").Compute(YTrue, Probs).Item(), 5);
    }

    [Fact]
    public void CategoricalCrossentropy_LabelSmoothing_AndLogits()
    {
        var logits = new Tensor(new float[,] { { 1, 2, 3 }, { -1, 0, 4 } });
        double Lse(double[] z) => Math.Log(z.Sum(Math.Exp));
        double[][] z = [[1, 2, 3], [-1, 0, 4]];
        double[][] y = [[0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3], [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3]];
        double expected = Enumerable.Range(0, 2).Sum(b => -Enumerable.Range(0, 3).Sum(c => y[b][c] * (z[b][c] - Lse(z[b])))) / 2;
        var loss = new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1f);
        Assert.Equal(expected, loss.Compute(YTrue, logits).Item(), 5);
        // A recorded softmax output uses its logits: same value, and no clipping at extreme probabilities.
        logits.RequiresGrad = true;
        var viaSoftmax = new CategoricalCrossentropy(labelSmoothing: 0.1f).Compute(YTrue, Ops.Softmax(logits));
        Assert.Equal(expected, viaSoftmax.Item(), 5);
        var extreme = new Tensor(new float[,] { { 0, 0, 40 } }) { RequiresGrad = true };
        Assert.Equal(40.0, new CategoricalCrossentropy().Compute(new Tensor(new float[,] { { 1, 0, 0 } }), Ops.Softmax(extreme)).Item(), 3);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_MatchesCategorical_AndChecksLabels()
    {
        var dense = Loss.Get("categorical_crossentropy").Compute(YTrue, Probs).Item();
        Assert.Equal(dense, Loss.Get("sparse_categorical_crossentropy").Compute(new Tensor([1f, 0f], 2), Probs).Item(), 6);
        Assert.Equal(dense, Loss.Get("sparse_categorical_crossentropy").Compute(new Tensor([1f, 0f], 2, 1), Probs).Item(), 6);
        Assert.Throws<ShapeMismatchException>(() => Loss.Get("sparse_categorical_crossentropy").Compute(YTrue.Reshape(3, 2), Probs));
        Assert.Throws<ShapeMismatchException>(() => Loss.Get("categorical_crossentropy").Compute(new Tensor([1f, 0f], 2), Probs));
    }

    [Fact]
    public void BinaryCrossentropy_ProbabilitiesAndLogits_MatchHand()
    {
        var y = new Tensor(new float[,] { { 1, 0 } });
        var p = new Tensor(new float[,] { { 0.8f, 0.4f } });
        Assert.Equal((-Math.Log(0.8) - Math.Log(0.6)) / 2, Loss.Get("binary_crossentropy").Compute(y, p).Item(), 5);
        var z = new Tensor(new float[,] { { 2f, -1f } });
        double Sig(double v) => 1 / (1 + Math.Exp(-v));
        double expected = (-Math.Log(Sig(2)) - Math.Log(1 - Sig(-1))) / 2;
        Assert.Equal(expected, new BinaryCrossentropy(fromLogits: true).Compute(y, z).Item(), 5);
    }

    [Fact]
    public void RegressionLosses_MatchHand()
    {
        var y = new Tensor(new float[,] { { 0, 1 }, { 2, 3 } });
        var p = new Tensor(new float[,] { { 0.5f, 3 }, { 2, 1 } });
        Assert.Equal((0.25 + 4 + 0 + 4) / 4, Loss.Get("mse").Compute(y, p).Item(), 5);
        Assert.Equal((0.5 + 2 + 0 + 2) / 4, Loss.Get("mae").Compute(y, p).Item(), 5);
        // Huber δ=1: 0.5·0.5², 1·(2 − 1) + 0.5, 0, 1.5.
        Assert.Equal((0.125 + 1.5 + 0 + 1.5) / 4, Loss.Get("huber").Compute(y, p).Item(), 5);
    }

    [Fact]
    public void MaskedSequenceLoss_IsMaskWeightedMean()
    {
        var y = new Tensor(new float[,,] { { { 1 }, { 2 }, { 3 } } });
        var p = new Tensor(new float[,,] { { { 2 }, { 4 }, { 100 } } });
        var mask = new Tensor([1f, 1f, 0f], 1, 3);
        double scale = 3 / (2 + 1e-7);
        Assert.Equal((1 * scale + 4 * scale) / 3, Loss.Get("mse").Compute(y, p, mask).Item(), 5);
    }

    [Fact]
    public void Gradients_MatchFiniteDifferences()
    {
        var y = new Tensor(new float[,] { { 0, 1, 0 }, { 0, 0, 1 } });
        GradCheck.Assert(t => new CategoricalCrossentropy().Compute(y, Ops.Softmax(t[0])), [GradCheck.Random([2, 3], 1)]);
        GradCheck.Assert(t => new BinaryCrossentropy(fromLogits: true).Compute(y, t[0]), [GradCheck.Random([2, 3], 2)]);
        GradCheck.Assert(t => new Huber().Compute(y, t[0] * 3f), [GradCheck.Random([2, 3], 3)]);
    }

    [Fact]
    public void UnknownName_Throws() => Assert.Throws<ArgumentException>(() => Loss.Get("nope"));
}
