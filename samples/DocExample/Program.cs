// The two examples of the Keras Bidirectional documentation, in C#, trained on a small learnable task.
using System.Diagnostics;
using Recur;
using Recur.Layers;
using Recur.Models;

RandomSeed.Set(1);   // keras.utils.set_random_seed: the whole run repeats bit for bit
var (x, y) = Data(n: 1024, seed: 1);

// Example 1: two stacked bidirectional LSTMs and a softmax classifier.
var model = new Sequential(
    new Input(shape: [5, 10]),
    new Bidirectional(new Lstm(10, returnSequences: true)),
    new Bidirectional(new Lstm(10)),
    new Dense(5, activation: "softmax"));
model.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
model.Summary();

var clock = Stopwatch.StartNew();
History history = model.Fit(x, y, epochs: 5, batchSize: 32);
Console.WriteLine($"trained 5 epochs in {clock.Elapsed.TotalSeconds:F1} s; loss {history["loss"][0]:F4} -> {history["loss"][^1]:F4}");
Tensor probabilities = model.Predict(x);
Console.WriteLine($"predicted {probabilities.Dim(0)} samples; first: {Ops.Slice(probabilities, 0, 0, 1)}");

// Example 2: a custom backward layer (ReLU LSTM reading the sequence backwards).
var forwardLayer = new Lstm(10, returnSequences: true);
var backwardLayer = new Lstm(10, activation: "relu", returnSequences: true, goBackwards: true);
var model2 = new Sequential(
    new Input(shape: [5, 10]),
    new Bidirectional(forwardLayer, backwardLayer: backwardLayer),
    new Dense(5, activation: "softmax"));
model2.Compile(loss: "categorical_crossentropy", optimizer: "rmsprop");
model2.Summary();

// The target of each sample is the one-hot argmax of the first five features summed over time: learnable, not trivial.
static (Tensor X, Tensor Y) Data(int n, int seed)
{
    var rng = new Random(seed);
    var x = new float[n * 5 * 10];
    var y = new float[n * 5];
    for (int i = 0; i < n; i++)
    {
        var sums = new double[5];
        for (int t = 0; t < 5; t++)
            for (int f = 0; f < 10; f++)
            {
                float v = (float)(rng.NextDouble() * 2 - 1);
                x[(i * 5 + t) * 10 + f] = v;
                if (f < 5) sums[f] += v;
            }
        y[i * 5 + Array.IndexOf(sums, sums.Max())] = 1f;
    }
    return (new Tensor(x, n, 5, 10), new Tensor(y, n, 5));
}
