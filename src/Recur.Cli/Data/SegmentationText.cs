using Recur.Cli.Demo;

namespace Recur.Cli.Data;

/// <summary>
/// Training text for a word segmenter, as in the demo: one sentence per line, words separated by spaces. Each sentence
/// becomes its UTF-8 bytes without the spaces (ids 1–255), labelled 1 where a word ends. Blank lines are skipped.
/// </summary>
internal static class SegmentationText
{
    public static TaggingData Parse(IReadOnlyList<string> lines, string source)
    {
        var sentences = lines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (sentences.Count == 0) throw new UserInputException($"{source}: no sentences (expected one sentence per line)");
        var (x, y) = Segmentation.ToTensors(sentences);
        return new TaggingData(x, y, Segmentation.VocabularySize, Segmentation.Classes,
            $"{source}: {sentences.Count} sentences to segment, up to {x.Dim(1)} bytes each");
    }
}
