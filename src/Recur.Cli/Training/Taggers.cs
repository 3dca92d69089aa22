using Recur.Layers;
using Recur.Models;

namespace Recur.Cli.Training;

/// <summary>Sequence taggers: Embedding(mask_zero) → a recurrent layer returning sequences → Dense(softmax) at every step.</summary>
internal static class Taggers
{
    /// <summary>The recurrent layer <c>recur train</c> builds from its options: cell <c>lstm</c>/<c>gru</c>, merge
    /// <c>concat</c>/<c>sum</c>/<c>mul</c>/<c>ave</c>, or <c>none</c> for a forward-only layer.</summary>
    public static Layer Recurrent(string cell, string merge, int units)
    {
        Layer Cell() => cell switch
        {
            "lstm" => new Lstm(units, returnSequences: true),
            "gru" => new Gru(units, returnSequences: true),
            _ => throw new UserInputException($"--cell: expected lstm or gru; received '{cell}'"),
        };
        return merge switch
        {
            "none" => Cell(),
            "concat" => new Bidirectional(Cell(), MergeMode.Concat),
            "sum" => new Bidirectional(Cell(), MergeMode.Sum),
            "mul" => new Bidirectional(Cell(), MergeMode.Multiply),
            "ave" => new Bidirectional(Cell(), MergeMode.Average),
            _ => throw new UserInputException($"--merge: expected concat, sum, mul, ave or none; received '{merge}'"),
        };
    }

    /// <summary>A compiled tagger (Adam, sparse categorical cross-entropy masked by the padding, accuracy).</summary>
    public static Model Build(Layer recurrent, string name, int vocabularySize, int classes, int embeddingDim = 16, float learningRate = 0.01f)
    {
        var model = new Sequential(
            [
                new InputLayer(shape: [null]),
                new Embedding(vocabularySize, embeddingDim, maskZero: true),
                recurrent,
                new Dense(classes, activation: "softmax"),
            ], name);
        model.Compile(new Adam(learningRate), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }
}
