using Recur.Models;

namespace Recur.Cli.Demo;

/// <summary>How well a tagger labels held-out data, counting only real (non-padding) tokens.</summary>
/// <param name="TokenAccuracy">Correct labels / real tokens.</param>
/// <param name="SequenceAccuracy">Sequences with every real token labelled correctly / sequences.</param>
internal sealed record TaggingScore(double TokenAccuracy, double SequenceAccuracy)
{
    /// <summary>Scores <paramref name="model"/>'s predictions for ids <paramref name="x"/> [N, T] against labels <paramref name="y"/> [N, T].</summary>
    public static TaggingScore Of(Model model, Tensor x, Tensor y)
    {
        var probabilities = model.Predict(x, batchSize: 256);
        int n = x.Dim(0), steps = x.Dim(1), classes = probabilities.Dim(-1);
        var ids = x.AsReadOnlySpan();
        var labels = y.AsReadOnlySpan();
        var p = probabilities.AsReadOnlySpan();
        long tokens = 0, correct = 0;
        int perfect = 0;
        for (int i = 0; i < n; i++)
        {
            bool allRight = true;
            for (int t = 0; t < steps; t++)
            {
                int k = i * steps + t;
                if (ids[k] == 0f) continue;   // padding: masked in training, not a token to score
                var row = p.Slice(k * classes, classes);
                int best = 0;
                for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
                tokens++;
                if (best == (int)labels[k]) correct++;
                else allRight = false;
            }
            if (allRight) perfect++;
        }
        return new TaggingScore(tokens == 0 ? 0 : (double)correct / tokens, n == 0 ? 0 : (double)perfect / n);
    }
}
