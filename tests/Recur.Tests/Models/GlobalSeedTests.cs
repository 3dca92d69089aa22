using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Models;

[CollectionDefinition("GlobalSeed", DisableParallelization = true)]
public sealed class GlobalSeedCollection;

/// <summary>The global seed makes a whole program repeat: initialization, shuffling and dropout.</summary>
[Collection("GlobalSeed")]
public sealed class GlobalSeedTests
{
    [Fact]
    public void SetSeed_MakesInitializationShufflingAndDropoutRepeat()
    {
        var x = GradCheckData(64, 1);
        var y = Tensor.Zeros(64, 3);
        for (int i = 0; i < 64; i++) y[i, i % 3] = 1f;
        float[][] Run()
        {
            RandomSeed.Set(42);
            try
            {
                var model = new Sequential(new Input(shape: [4, 3]), new Bidirectional(new Lstm(4, dropout: 0.3f)), new Dropout(0.2f),
                    new Dense(3, activation: "softmax"));
                model.Compile(loss: "categorical_crossentropy", optimizer: "adam");
                model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0);
                return model.GetWeights().Select(w => w.ToArray()).ToArray();
            }
            finally
            {
                RandomSeed.Clear();
            }
        }
        var first = Run();
        Assert.Equal(first, Run());

        // Without the global seed, initial weights differ between two models (Keras semantics).
        var a = new Dense(3);
        var b = new Dense(3);
        a.Build([2, 5]);
        b.Build([2, 5]);
        Assert.NotEqual(a.GetWeights()[0].ToArray(), b.GetWeights()[0].ToArray());
    }

    private static Tensor GradCheckData(int n, int seed) => TestKit.GradCheck.Random([n, 4, 3], seed);
}
