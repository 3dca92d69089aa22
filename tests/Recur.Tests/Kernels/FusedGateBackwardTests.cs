using System.Numerics.Tensors;
using Recur.Kernels;
using Recur.Kernels.Recurrent;

namespace Recur.Tests.Kernels;

/// <summary>The one-pass backward gate rows give the bits of the multi-pass TensorPrimitives code they replace, at every SIMD width.</summary>
[Collection("Simd")]
public sealed class FusedGateBackwardTests
{
    public static TheoryData<int, int> Cases()
    {
        var d = new TheoryData<int, int>();
        foreach (int width in new[] { 512, 256, 0 })
            foreach (int h in new[] { 1, 7, 16, 37, 128 })
                d.Add(width, h);
        return d;
    }

    private static float[] Random(int n, int seed, float lo = -1f, float hi = 1f)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => lo + (float)rng.NextDouble() * (hi - lo))];
    }

    [Theory, MemberData(nameof(Cases))]
    public void LstmRowIsBitIdenticalToTheMultiPassCode(int width, int h)
    {
        float[] z = Random(4 * h, 1, 0f, 1f), cPrev = Random(h, 2), actC = Random(h, 3), dh = Random(h, 4), dc0 = Random(h, 5);
        for (int j = 2 * h; j < 3 * h; j++) z[j] = 2f * z[j] - 1f; // the candidate is a tanh
        // The code before fusion (Keras defaults: sigmoid gates, tanh).
        float[] dzRef = new float[4 * h], dcRef = (float[])dc0.Clone(), tmp = new float[h];
        var o = dzRef.AsSpan(3 * h, h);
        TensorPrimitives.Multiply(dh, actC, o);
        for (int j = 0; j < h; j++) o[j] *= z[3 * h + j] * (1f - z[3 * h + j]);
        TensorPrimitives.Multiply(dh, z.AsSpan(3 * h, h), tmp);
        for (int j = 0; j < h; j++) tmp[j] *= 1f - actC[j] * actC[j];
        TensorPrimitives.Add(dcRef, tmp, dcRef);
        for (int j = 0; j < h; j++)
        {
            float i = z[j], f = z[h + j], g = z[2 * h + j];
            dzRef[j] = dcRef[j] * g * (i * (1f - i));
            dzRef[h + j] = dcRef[j] * cPrev[j] * (f * (1f - f));
            dzRef[2 * h + j] = dcRef[j] * i * (1f - g * g);
            dcRef[j] *= f;
        }

        int saved = Simd.MaxWidth;
        try
        {
            Simd.MaxWidth = width;
            float[] dz = new float[4 * h], dc = (float[])dc0.Clone();
            FusedGateBackward.Lstm(z, cPrev, actC, dh, dc, dz);
            Assert.Equal(dzRef, dz);
            Assert.Equal(dcRef, dc);
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void GruRowIsBitIdenticalToTheMultiPassCode(int width, int h)
    {
        float[] z = Random(3 * h, 1, 0f, 1f), hPrev = Random(h, 2), hh = Random(h, 3), dh = Random(h, 4);
        for (int j = 2 * h; j < 3 * h; j++) z[j] = 2f * z[j] - 1f;
        float[] dzRef = new float[3 * h], dRecRef = new float[3 * h], dhnRef = new float[h];
        for (int j = 0; j < h; j++)
        {
            float zg = z[j], r = z[h + j], cand = z[2 * h + j];
            float dzg = (hPrev[j] - cand) * dh[j] * (zg * (1f - zg));
            float dxh = (1f - zg) * dh[j] * (1f - cand * cand);
            float dr = dxh * hh[j] * (r * (1f - r));
            (dzRef[j], dzRef[h + j], dzRef[2 * h + j]) = (dzg, dr, dxh);
            (dRecRef[j], dRecRef[h + j], dRecRef[2 * h + j]) = (dzg, dr, dxh * r);
            dhnRef[j] = dh[j] * zg;
        }

        int saved = Simd.MaxWidth;
        try
        {
            Simd.MaxWidth = width;
            float[] dz = new float[3 * h], dRec = new float[3 * h], dhn = new float[h];
            FusedGateBackward.Gru(z, hPrev, hh, dh, dz, dRec, dhn);
            Assert.Equal(dzRef, dz);
            Assert.Equal(dRecRef, dRec);
            Assert.Equal(dhnRef, dhn);
            // reset_before: no dr, no recurrent-side row
            float[] dz2 = new float[3 * h], dhn2 = new float[h];
            FusedGateBackward.Gru(z, hPrev, default, dh, dz2, default, dhn2);
            for (int j = 0; j < h; j++) (dzRef[h + j]) = 0f;
            Assert.Equal(dzRef, dz2);
            Assert.Equal(dhnRef, dhn2);
        }
        finally
        {
            Simd.MaxWidth = saved;
        }
    }
}
