namespace Recur.Cli.Demo;

/// <summary>The demo's training and held-out sentences, encoded and padded to one length.</summary>
internal sealed record DemoData(IReadOnlyList<string> Train, IReadOnlyList<string> HeldOut, Tensor X, Tensor Y, Tensor HeldOutX, Tensor HeldOutY)
{
    /// <summary>
    /// Generates <paramref name="trainCount"/> training sentences and about a sixth as many held-out ones; a held-out
    /// sentence never also appears in training, so held-out accuracy measures generalisation, not recall.
    /// </summary>
    public static DemoData Create(int trainCount, int seed)
    {
        var generator = new SentenceGenerator(seed);
        var train = Enumerable.Range(0, trainCount).Select(_ => generator.Next()).ToList();
        var seen = train.ToHashSet(StringComparer.Ordinal);
        int heldOutCount = Math.Max(50, trainCount / 6);
        var heldOut = new List<string>(heldOutCount);
        while (heldOut.Count < heldOutCount)
        {
            var sentence = generator.Next();
            if (seen.Add(sentence)) heldOut.Add(sentence);
        }
        int steps = train.Concat(heldOut).Max(s => Segmentation.Encode(s).Ids.Length);
        var (x, y) = Segmentation.ToTensors(train, steps);
        var (hx, hy) = Segmentation.ToTensors(heldOut, steps);
        return new DemoData(train, heldOut, x, y, hx, hy);
    }
}
