using System.Text.Json.Nodes;
using Recur.Layers;
using Recur.Tests.TestKit;

namespace Recur.Tests.Convolutional;

/// <summary>
/// <c>data_format="channels_first"</c>: inputs <c>[B, T, C, *spatial]</c>, outputs and states <c>[B, (T,) F, *spatial]</c>, the
/// numbers of the channels-last layer on the same weights (Keras's CPU backends transpose around the same convolutions).
/// </summary>
public sealed class ConvLstmChannelsFirstTests
{
    // [B, T, *spatial, C] <-> [B, T, C, *spatial], and the same for [B, *spatial, C] states.
    private static Tensor SequenceToFirst(Tensor t) => Ops.Transpose(t, [0, 1, t.Rank - 1, .. Enumerable.Range(2, t.Rank - 3)]);
    private static Tensor StateToFirst(Tensor t) => Ops.Transpose(t, [0, t.Rank - 1, .. Enumerable.Range(1, t.Rank - 2)]);
    private static Tensor StateToLast(Tensor t) => Ops.Transpose(t, [0, .. Enumerable.Range(2, t.Rank - 2), 1]);

    private static void AssertClose(Tensor expected, Tensor actual, double tol = 2e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"element {i}: expected {e[i]}, received {a[i]}");
    }

    [Theory]
    [InlineData(1, "valid", 1, false, false)]
    [InlineData(2, "same", 2, true, false)]
    [InlineData(2, "valid", 1, false, true)]
    [InlineData(3, "same", 1, true, true)]
    public void MatchesTheIndependentReference_OnTransposedTensors(int rank, string padding, int stride, bool goBackwards, bool masked)
    {
        int[] spatial = rank switch { 1 => [7], 2 => [5, 6], _ => [4, 3, 5] };
        int[] last = [2, 3, .. spatial, 2];
        var layer = new ConvLstm(rank, 3, [3], [stride], Enum.Parse<Padding>(padding, true), dataFormat: "channels_first",
            returnSequences: true, returnState: true, goBackwards: goBackwards);
        layer.Build([2, 3, 2, .. spatial]);
        var k = Enumerable.Repeat(3, rank).ToArray();
        Assert.Equal([[.. k, 2, 12], [.. k, 3, 12], [12]], layer.Weights.Select(v => v.Shape));   // as channels-last: C = 2
        var w = layer.Weights.Select((v, i) => GradCheck.Random(v.Shape, 20 + i, 0.6f)).ToArray();
        layer.SetWeights(w);

        var x = GradCheck.Random(last, 1);
        bool[,]? mask = masked ? new[,] { { true, false, true }, { false, true, true } } : null;
        var r = layer.Call(SequenceToFirst(x), mask: mask is null ? null : Tensor.FromMask(mask));
        var s = Enumerable.Repeat(stride, rank).ToArray();
        var (seq, h, c) = ConvLstmReference.Run(x, w[0], w[1], w[2], s, padding, Enumerable.Repeat(1, rank).ToArray(), goBackwards, mask);
        AssertClose(SequenceToFirst(seq), r[0]);
        AssertClose(StateToFirst(h), r[1]);
        AssertClose(StateToFirst(c), r[2]);
        Assert.Equal(layer.ComputeOutputShape([2, 3, 2, .. spatial]).Select(d => d.Select(v => v!.Value)), r.Select(t => t.Shape));
    }

    [Fact]
    public void InitialStates_Stateful_AndGradients_FollowTheChannelsLastLayer()
    {
        var first = new ConvLstm2D(2, [2, 2], padding: Padding.Same, dataFormat: "channels_first", returnSequences: true, returnState: true);
        var lastLayer = new ConvLstm2D(2, [2, 2], padding: Padding.Same, returnSequences: true, returnState: true);
        first.Build([1, 3, 2, 3, 4]);
        lastLayer.Build([1, 3, 3, 4, 2]);
        var w = first.Weights.Select((v, i) => GradCheck.Random(v.Shape, 30 + i, 0.6f)).ToArray();
        first.SetWeights(w);
        lastLayer.SetWeights(w);

        var x = GradCheck.Random([1, 3, 3, 4, 2], 2);
        var h0 = GradCheck.Random([1, 3, 4, 2], 3);
        var c0 = GradCheck.Random([1, 3, 4, 2], 4);
        var expected = lastLayer.Call(x, [h0, c0]);
        var actual = first.Call(SequenceToFirst(x), [StateToFirst(h0), StateToFirst(c0)]);
        Assert.Equal(SequenceToFirst(expected[0]).ToArray(), actual[0].ToArray());
        Assert.Equal(StateToFirst(expected[1]).ToArray(), actual[1].ToArray());
        Assert.Equal(StateToFirst(expected[2]).ToArray(), actual[2].ToArray());
        Assert.Equal([1, 2, 3, 4], first.Cell.GetInitialState(1)[0].Shape);

        // Finite differences through the transposes, the inputs and the initial states.
        Tensor[] inputs = [SequenceToFirst(x), StateToFirst(h0), StateToFirst(c0)];
        GradCheck.Assert(t => first.Call(t[0], [t[1], t[2]])[0], inputs, eps: 1e-2, atol: 2e-3);

        var stateful = new ConvLstm1D(2, [3], padding: Padding.Same, dataFormat: "channels_first", stateful: true, returnState: true);
        var xs = GradCheck.Random([2, 3, 1, 5], 5);
        var one = stateful.Call(xs);
        Assert.Equal([2, 2, 5], one[0].Shape);
        Assert.Equal(one[1].ToArray(), stateful.States![0].ToArray());
        Assert.NotEqual(one[0].ToArray(), stateful.Call(xs)[0].ToArray());
        Assert.Equal([2, 5, 2], StateToLast(one[1]).Shape);
    }

    [Fact]
    public void ConfigsKeepTheDataFormat_AndBadShapesAreNamed()
    {
        var layer = (ConvLstm2D)ConfigCheck.RoundTrip(new ConvLstm2D(4, [3], dataFormat: "channels_first", name: "cf"));
        Assert.Equal("channels_first", layer.DataFormat);
        Assert.Equal("channels_first", layer.GetConfig()["data_format"]!.GetValue<string>());
        var loaded = (ConvLstm1D)KerasSerializer.DeserializeLayer(JsonNode.Parse(
            """{"class_name": "ConvLSTM1D", "config": {"filters": 2, "kernel_size": 3, "data_format": "channels_first", "return_sequences": true}}"""));
        Assert.Equal([[null, null, 2, 6]], loaded.ComputeOutputShape([null, null, 4, 8]));
        var e = Assert.Throws<ShapeMismatchException>(() => new ConvLstm2D(2, [3], dataFormat: "channels_first").Build([null, null, null, 5, 6]));
        Assert.Contains("axis 1", e.Message);
    }
}
