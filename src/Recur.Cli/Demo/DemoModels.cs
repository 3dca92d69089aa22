using Recur.Cli.Training;
using Recur.Layers;
using Recur.Models;

namespace Recur.Cli.Demo;

/// <summary>One contender in the demo: a display name and a builder for a fresh, compiled tagger.</summary>
internal sealed record DemoModel(string Name, Func<Model> Build, bool Bidirectional = true);

/// <summary>
/// The demo's taggers: Embedding(mask_zero) → one recurrent layer returning sequences → Dense(softmax) per step.
/// They differ only in the recurrent layer, so the table isolates what the backward direction adds.
/// </summary>
internal static class DemoModels
{
    /// <summary>Every model the demo trains, unidirectional first.</summary>
    public static IReadOnlyList<DemoModel> All(int units) =>
    [
        new("LSTM (forward only)", () => Tagger(new Lstm(units, returnSequences: true), "lstm"), Bidirectional: false),
        new("Bi-LSTM concat", () => Tagger(new Bidirectional(new Lstm(units, returnSequences: true), MergeMode.Concat), "bilstm_concat")),
        new("Bi-LSTM sum", () => Tagger(new Bidirectional(new Lstm(units, returnSequences: true), MergeMode.Sum), "bilstm_sum")),
        new("Bi-LSTM mul", () => Tagger(new Bidirectional(new Lstm(units, returnSequences: true), MergeMode.Multiply), "bilstm_mul")),
        new("Bi-LSTM ave", () => Tagger(new Bidirectional(new Lstm(units, returnSequences: true), MergeMode.Average), "bilstm_ave")),
        new("Bi-GRU concat", () => Tagger(new Bidirectional(new Gru(units, returnSequences: true), MergeMode.Concat), "bigru_concat")),
    ];

    private static Model Tagger(Layer recurrent, string name) =>
        Taggers.Build(recurrent, name, Segmentation.VocabularySize, Segmentation.Classes);
}
