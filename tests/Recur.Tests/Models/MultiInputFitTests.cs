using Recur.Layers;
using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

/// <summary>
/// Fit / Evaluate / TrainOnBatch of a two-input functional model, against the same network fed the concatenated inputs
/// through one input: same initial weights and shuffle seed, so both must train bit for bit alike.
/// </summary>
public sealed class MultiInputFitTests
{
    private static (Tensor A, Tensor B, Tensor Joined, Tensor Y) Data(int n, int seed)
    {
        var joined = GradCheck.Random([n, 5], seed);
        var y = new float[n * 3];
        var j = joined.AsReadOnlySpan();
        for (int i = 0; i < n; i++) y[i * 3 + (j[i * 5] + j[i * 5 + 3] > 0 ? 0 : j[i * 5 + 1] > 0 ? 1 : 2)] = 1f;
        var a = new float[n * 2];
        var b = new float[n * 3];
        for (int i = 0; i < n; i++)
        {
            j.Slice(i * 5, 2).CopyTo(a.AsSpan(i * 2));
            j.Slice(i * 5 + 2, 3).CopyTo(b.AsSpan(i * 3));
        }
        return (new Tensor(a, n, 2), new Tensor(b, n, 3), joined, new Tensor(y, n, 3));
    }

    private static (Model TwoInputs, Model OneInput) Models()
    {
        using var _ = NameScope.Fresh();
        Dense Hidden() => new(8, activation: "tanh", kernelInitializer: new GlorotUniform(seed: 5));
        Dense Head() => new(3, activation: "softmax", kernelInitializer: new GlorotUniform(seed: 6));
        var a = new Input(shape: [2]);
        var b = new Input(shape: [3]);
        var two = new Model([a, b], [Head().Apply(Hidden().Apply(new Concatenate().Apply(a, b)))]);
        var joined = new Input(shape: [5]);
        var one = new Model([joined], [Head().Apply(Hidden().Apply(joined))]);
        foreach (var m in new[] { two, one })
            m.Compile(new Adam(learningRate: 0.01f), "categorical_crossentropy", ["accuracy"]);
        return (two, one);
    }

    [Fact]
    public void Fit_with_two_inputs_trains_exactly_like_the_concatenated_single_input()
    {
        var (a, b, joined, y) = Data(100, 1);
        var (two, one) = Models();
        var h2 = two.Fit([a, b], y, batchSize: 16, epochs: 3, validationSplit: 0.2f, verbose: 0, seed: 4);
        var h1 = one.Fit(joined, y, batchSize: 16, epochs: 3, validationSplit: 0.2f, verbose: 0, seed: 4);
        foreach (var key in new[] { "loss", "accuracy", "val_loss", "val_accuracy" }) Assert.Equal(h1[key], h2[key]);
        Assert.True(h2["loss"][^1] < h2["loss"][0]);
        for (int i = 0; i < one.Weights.Count; i++) Assert.Equal(one.Weights[i].Value.ToArray(), two.Weights[i].Value.ToArray());

        Assert.Equal(one.Evaluate(joined, y), two.Evaluate([a, b], y));
        Assert.Equal(one.TrainOnBatch(joined, y), two.TrainOnBatch([a, b], y));
        var (va, vb, vj, vy) = Data(20, 2);
        var v2 = two.Fit([a, b], y, epochs: 1, validationData: ([va, vb], vy), verbose: 0, seed: 1);
        var v1 = one.Fit(joined, y, epochs: 1, validationData: (vj, vy), verbose: 0, seed: 1);
        Assert.Equal(v1["val_loss"], v2["val_loss"]);
    }

    [Fact]
    public void Wrong_input_count_or_sample_count_is_a_clear_error()
    {
        var (a, b, _, y) = Data(10, 1);
        var (two, _) = Models();
        var e = Assert.Throws<ArgumentException>(() => two.Fit([a], y, verbose: 0));
        Assert.Contains("expected 2 input tensor(s)", e.Message);
        Assert.Contains("received 1", e.Message);
        var (a5, _, _, _) = Data(5, 2);
        e = Assert.Throws<ArgumentException>(() => two.Evaluate([a5, b], y));
        Assert.Contains("x[0] [5, 2]", e.Message);
        Assert.Contains("y [10, 3]", e.Message);
    }
}
