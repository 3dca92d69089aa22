using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// One-pass backward gate math for the Keras default activations (sigmoid gates, tanh candidate/output): every gradient
/// of a row is computed from one load of each cached value, instead of a TensorPrimitives pass per product. Each element
/// goes through exactly the operations, in the same order, of the multi-pass code it replaces (products of two floats,
/// <c>g·(y·(1−y))</c> for the sigmoid, <c>g·(1−y·y)</c> for tanh, no fused multiply-adds), so the results are bit-identical.
/// </summary>
internal static class FusedGateBackward
{
    /// <summary>True when <paramref name="o"/> uses the activations the fused rows are written for.</summary>
    public static bool Applies(in SequenceOptions o) => o.RecurrentActivation == ActivationKind.Sigmoid && o.Activation == ActivationKind.Tanh;

    /// <summary>
    /// LSTM row (gates i, f, c̃, o activated in <paramref name="z"/> [4H]): writes the pre-activation gradients into
    /// <paramref name="dz"/> [4H] and turns <paramref name="dc"/> (dc_t, before adding the dh path) into dc_{t−1}.
    /// </summary>
    public static void Lstm(ReadOnlySpan<float> z, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> actC, ReadOnlySpan<float> dh,
        Span<float> dc, Span<float> dz)
    {
        int H = dh.Length, i = 0;
        var a = new LstmArgs
        {
            Z = ref MemoryMarshal.GetReference(z), CPrev = ref MemoryMarshal.GetReference(cPrev),
            ActC = ref MemoryMarshal.GetReference(actC), Dh = ref MemoryMarshal.GetReference(dh),
            Dc = ref MemoryMarshal.GetReference(dc), Dz = ref MemoryMarshal.GetReference(dz), H = H,
        };
        if (Simd.Use512) i = LstmLoop<V512>(ref a, i);
        if (Simd.Use256) i = LstmLoop<V256>(ref a, i);
        LstmLoop<V1>(ref a, i);
    }

    private ref struct LstmArgs
    {
        public ref float Z, CPrev, ActC, Dh, Dc, Dz;
        public int H;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LstmLoop<T>(ref LstmArgs a, int j) where T : struct, IVec<T>
    {
        int H = a.H;
        nuint h = (nuint)H, h2 = 2 * (nuint)H, h3 = 3 * (nuint)H;
        for (; j <= H - T.Count; j += T.Count)
        {
            nuint k = (nuint)j;
            T ig = T.Load(ref a.Z, k), fg = T.Load(ref a.Z, k + h), gg = T.Load(ref a.Z, k + h2), og = T.Load(ref a.Z, k + h3);
            T dh = T.Load(ref a.Dh, k), ac = T.Load(ref a.ActC, k), one = T.One;
            // h = o ⊙ act(c): do = dh ⊙ act(c) ⊙ σ′; dc += dh ⊙ o ⊙ tanh′(c)
            T.Store((dh * ac) * (og * (one - og)), ref a.Dz, k + h3);
            T dc = T.Load(ref a.Dc, k) + (dh * og) * (one - ac * ac);
            // c = f ⊙ c_{t−1} + i ⊙ c̃
            T.Store((dc * gg) * (ig * (one - ig)), ref a.Dz, k);
            T.Store((dc * T.Load(ref a.CPrev, k)) * (fg * (one - fg)), ref a.Dz, k + h);
            T.Store((dc * ig) * (one - gg * gg), ref a.Dz, k + h2);
            T.Store(dc * fg, ref a.Dc, k);
        }
        return j;
    }

    /// <summary>
    /// GRU row (gates z, r, h̃ activated in <paramref name="gates"/> [3H]): writes dz and dh̃ (pre-activation) into
    /// <paramref name="dz"/> and <paramref name="dhn"/> = dh ⊙ z. reset_after (<paramref name="hh"/> = h·R_h + b_h non-empty):
    /// also dr into <paramref name="dz"/> and the recurrent-side row <paramref name="dRec"/> = [dz, dr, dh̃ ⊙ r].
    /// </summary>
    public static void Gru(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hh, ReadOnlySpan<float> dh,
        Span<float> dz, Span<float> dRec, Span<float> dhn)
    {
        int H = dh.Length, i = 0;
        var a = new GruArgs
        {
            Z = ref MemoryMarshal.GetReference(gates), HPrev = ref MemoryMarshal.GetReference(hPrev),
            Hh = ref MemoryMarshal.GetReference(hh), Dh = ref MemoryMarshal.GetReference(dh),
            Dz = ref MemoryMarshal.GetReference(dz), DRec = ref MemoryMarshal.GetReference(dRec),
            Dhn = ref MemoryMarshal.GetReference(dhn), H = H, After = !hh.IsEmpty,
        };
        if (Simd.Use512) i = GruLoop<V512>(ref a, i);
        if (Simd.Use256) i = GruLoop<V256>(ref a, i);
        GruLoop<V1>(ref a, i);
    }

    private ref struct GruArgs
    {
        public ref float Z, HPrev, Hh, Dh, Dz, DRec, Dhn;
        public int H;
        public bool After;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GruLoop<T>(ref GruArgs a, int j) where T : struct, IVec<T>
    {
        int H = a.H;
        nuint h = (nuint)H, h2 = 2 * (nuint)H;
        for (; j <= H - T.Count; j += T.Count)
        {
            nuint k = (nuint)j;
            T zg = T.Load(ref a.Z, k), cand = T.Load(ref a.Z, k + h2), dh = T.Load(ref a.Dh, k), one = T.One;
            // dz = dh ⊙ (h_{t−1} − h̃) ⊙ σ′; dh̃ = dh ⊙ (1 − z) ⊙ tanh′; direct path dh ⊙ z
            T dzg = ((T.Load(ref a.HPrev, k) - cand) * dh) * (zg * (one - zg));
            T dxh = ((one - zg) * dh) * (one - cand * cand);
            T.Store(dzg, ref a.Dz, k);
            T.Store(dxh, ref a.Dz, k + h2);
            T.Store(dh * zg, ref a.Dhn, k);
            if (a.After)
            {
                // candidate pre-activation x_h + r ⊙ hh: dr = dh̃ ⊙ hh ⊙ σ′, dhh = dh̃ ⊙ r
                T rg = T.Load(ref a.Z, k + h);
                T dr = (dxh * T.Load(ref a.Hh, k)) * (rg * (one - rg));
                T.Store(dr, ref a.Dz, k + h);
                T.Store(dzg, ref a.DRec, k);
                T.Store(dr, ref a.DRec, k + h);
                T.Store(dxh * rg, ref a.DRec, k + h2);
            }
        }
        return j;
    }

    /// <summary>The arithmetic the rows need, at one vector width (or one float).</summary>
    private interface IVec<TSelf> where TSelf : struct, IVec<TSelf>
    {
        static abstract int Count { get; }
        static abstract TSelf One { get; }
        static abstract TSelf Load(ref float p, nuint i);
        static abstract void Store(TSelf v, ref float p, nuint i);
        static abstract TSelf operator +(TSelf a, TSelf b);
        static abstract TSelf operator -(TSelf a, TSelf b);
        static abstract TSelf operator *(TSelf a, TSelf b);
    }

    private readonly struct V512(Vector512<float> v) : IVec<V512>
    {
        private readonly Vector512<float> _v = v;
        public static int Count => Vector512<float>.Count;
        public static V512 One => new(Vector512<float>.One);
        public static V512 Load(ref float p, nuint i) => new(Vector512.LoadUnsafe(ref p, i));
        public static void Store(V512 v, ref float p, nuint i) => v._v.StoreUnsafe(ref p, i);
        public static V512 operator +(V512 a, V512 b) => new(a._v + b._v);
        public static V512 operator -(V512 a, V512 b) => new(a._v - b._v);
        public static V512 operator *(V512 a, V512 b) => new(a._v * b._v);
    }

    private readonly struct V256(Vector256<float> v) : IVec<V256>
    {
        private readonly Vector256<float> _v = v;
        public static int Count => Vector256<float>.Count;
        public static V256 One => new(Vector256<float>.One);
        public static V256 Load(ref float p, nuint i) => new(Vector256.LoadUnsafe(ref p, i));
        public static void Store(V256 v, ref float p, nuint i) => v._v.StoreUnsafe(ref p, i);
        public static V256 operator +(V256 a, V256 b) => new(a._v + b._v);
        public static V256 operator -(V256 a, V256 b) => new(a._v - b._v);
        public static V256 operator *(V256 a, V256 b) => new(a._v * b._v);
    }

    private readonly struct V1(float v) : IVec<V1>
    {
        private readonly float _v = v;
        public static int Count => 1;
        public static V1 One => new(1f);
        public static V1 Load(ref float p, nuint i) => new(Unsafe.Add(ref p, i));
        public static void Store(V1 v, ref float p, nuint i) => Unsafe.Add(ref p, i) = v._v;
        public static V1 operator +(V1 a, V1 b) => new(a._v + b._v);
        public static V1 operator -(V1 a, V1 b) => new(a._v - b._v);
        public static V1 operator *(V1 a, V1 b) => new(a._v * b._v);
    }
}
