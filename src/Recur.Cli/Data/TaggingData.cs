namespace Recur.Cli.Data;

/// <summary>Sequence-tagging data ready for <c>Fit</c>: ids x [N, T] (0 = padding) and labels y [N, T].</summary>
/// <param name="X">Token ids [N, T], 0 past each sequence's end.</param>
/// <param name="Y">Labels [N, T].</param>
/// <param name="VocabularySize">Embedding input size: the largest id + 1.</param>
/// <param name="Classes">Label classes: the largest label + 1 (at least 2).</param>
/// <param name="Description">One line saying what was read, for the console.</param>
internal sealed record TaggingData(Tensor X, Tensor Y, int VocabularySize, int Classes, string Description)
{
    /// <summary>Reads <c>.txt</c> (sentences to segment) or <c>.csv</c> (<c>sequence,token,label</c> rows) by extension.</summary>
    public static TaggingData Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".txt" => SegmentationText.Parse(File.ReadAllLines(path), path),
                ".csv" => TaggingCsv.Parse(File.ReadAllLines(path), path),
                var other => throw new UserInputException($"{path}: unknown data form '{other}'; use .txt (one sentence per line) or .csv (sequence,token,label)"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read: {e.Message}", e);
        }
    }
}
