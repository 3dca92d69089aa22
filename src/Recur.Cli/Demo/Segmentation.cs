using System.Text;

namespace Recur.Cli.Demo;

/// <summary>
/// Word segmentation as sequence tagging: the spaces are removed from a sentence, each remaining UTF-8 byte is a token
/// (id = byte value, so 0 is free for padding and no vocabulary file is needed), and its label is 1 when a word ends at
/// that byte, else 0.
/// </summary>
internal static class Segmentation
{
    /// <summary>Embedding input size: every byte value.</summary>
    public const int VocabularySize = 256;

    /// <summary>Label classes: 0 = inside a word, 1 = a word ends here.</summary>
    public const int Classes = 2;

    /// <summary>The token ids (spaces removed) and labels of one sentence whose words are separated by whitespace.</summary>
    public static (byte[] Ids, byte[] Labels) Encode(string sentence)
    {
        var ids = new List<byte>();
        var labels = new List<byte>();
        foreach (var word in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetBytes(word);
            for (int i = 0; i < bytes.Length; i++)
            {
                ids.Add(bytes[i]);
                labels.Add(i == bytes.Length - 1 ? (byte)1 : (byte)0);
            }
        }
        return (ids.ToArray(), labels.ToArray());
    }

    /// <summary>The text with all whitespace removed: what a segmenter reads.</summary>
    public static string Unspaced(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Pads sentences to one length: x [N, T] of ids and y [N, T] of labels, both zero past each sentence's end.</summary>
    public static (Tensor X, Tensor Y) ToTensors(IReadOnlyList<string> sentences, int? length = null)
    {
        var encoded = sentences.Select(Encode).ToList();
        int steps = length ?? Math.Max(1, encoded.Max(e => e.Ids.Length));
        var x = new float[encoded.Count * steps];
        var y = new float[encoded.Count * steps];
        for (int n = 0; n < encoded.Count; n++)
        {
            var (ids, labels) = encoded[n];
            for (int t = 0; t < Math.Min(steps, ids.Length); t++)
            {
                x[n * steps + t] = ids[t];
                y[n * steps + t] = labels[t];
            }
        }
        return (new Tensor(x, encoded.Count, steps), new Tensor(y, encoded.Count, steps));
    }

    /// <summary>Re-inserts a space after every byte of <paramref name="ids"/> whose predicted class is "word ends here".</summary>
    /// <param name="ids">One row of token ids; stops at the first padding id.</param>
    /// <param name="probabilities">The model's [T, 2] output for that row, flattened.</param>
    public static string Decode(ReadOnlySpan<float> ids, ReadOnlySpan<float> probabilities)
    {
        var bytes = new List<byte>();
        for (int t = 0; t < ids.Length && ids[t] != 0f; t++)
        {
            bytes.Add((byte)ids[t]);
            bool wordEnds = probabilities[t * Classes + 1] > probabilities[t * Classes];
            bool last = t + 1 >= ids.Length || ids[t + 1] == 0f;
            if (wordEnds && !last) bytes.Add((byte)' ');
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
