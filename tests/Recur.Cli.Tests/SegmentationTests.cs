using Recur.Cli.Demo;

namespace Recur.Cli.Tests;

public class SegmentationTests
{
    [Fact]
    public void EncodeLabelsTheLastByteOfEveryWord()
    {
        var (ids, labels) = Segmentation.Encode("the cat  sat");
        Assert.Equal("thecatsat"u8.ToArray(), ids);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 0, 1, 0, 0, 1 }, labels);
    }

    [Fact]
    public void ToTensorsPadsWithZeroIds()
    {
        var (x, y) = Segmentation.ToTensors(["a bc", "abcd ef"]);
        Assert.Equal([2, 6], x.Shape);
        Assert.Equal(new float[] { 'a', 'b', 'c', 0, 0, 0 }, x.AsReadOnlySpan()[..6].ToArray());
        Assert.Equal(new float[] { 1, 0, 1, 0, 0, 0 }, y.AsReadOnlySpan()[..6].ToArray());
    }

    [Fact]
    public void DecodePutsSpacesAfterPredictedWordEnds()
    {
        float[] ids = ['a', 'b', 'c', 0];
        float[] probabilities = [0.2f, 0.8f, 0.9f, 0.1f, 0.1f, 0.9f, 1, 0];
        Assert.Equal("a bc", Segmentation.Decode(ids, probabilities));
    }

    [Fact]
    public void HeldOutSentencesAreNotInTraining()
    {
        var data = DemoData.Create(300, seed: 5);
        Assert.Empty(data.HeldOut.Intersect(data.Train));
        Assert.Equal(data.X.Dim(1), data.HeldOutX.Dim(1));
    }
}
