using Recur.Layers;

namespace Recur.Tests.Layers.Recurrent;

/// <summary>The Bidirectional composition written out by hand (flip the backward run, merge), as a test oracle.</summary>
internal static class ManualBidirectional
{
    /// <summary><c>r[b, s] = t[b, T−1−s]</c> for a <c>[B, T, D]</c> tensor, in plain loops.</summary>
    public static Tensor FlipTime(Tensor t)
    {
        var r = Tensor.Zeros(t.Shape);
        for (int b = 0; b < t.Dim(0); b++)
            for (int s = 0; s < t.Dim(1); s++)
                for (int f = 0; f < t.Dim(2); f++)
                    r[b, s, f] = t[b, t.Dim(1) - 1 - s, f];
        return r;
    }

    /// <summary>The merged values: forward features then backward features per row, or the element-wise combination.</summary>
    public static float[] Merge(MergeMode mode, Tensor forward, Tensor backward)
    {
        float[] a = forward.ToArray(), b = backward.ToArray();
        int d = forward.Dim(-1);
        return mode switch
        {
            MergeMode.Concat => Enumerable.Range(0, a.Length / d).SelectMany(r => a.Skip(r * d).Take(d).Concat(b.Skip(r * d).Take(d))).ToArray(),
            MergeMode.Sum => a.Zip(b, (p, q) => p + q).ToArray(),
            MergeMode.Multiply => a.Zip(b, (p, q) => p * q).ToArray(),
            _ => a.Zip(b, (p, q) => (p + q) / 2f).ToArray(),
        };
    }

    /// <summary>Element-wise agreement to <paramref name="tolerance"/>, naming the first index that differs.</summary>
    public static void Close(float[] expected, Tensor actual, float tolerance = 1e-6f)
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance, $"index {i}: expected {expected[i]}, actual {a[i]}");
    }
}
