using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// Applies an <see cref="ActivationKind"/> to a contiguous row and multiplies a gradient by its derivative.
/// Every derivative is computed from the activation's <em>output</em>, which is what the kernels cache.
/// </summary>
internal static class GateActivations
{
    /// <summary><c>dst = act(src)</c>; <paramref name="src"/> and <paramref name="dst"/> may be the same span.</summary>
    public static void Apply(ActivationKind kind, ReadOnlySpan<float> src, Span<float> dst)
    {
        switch (kind)
        {
            case ActivationKind.Tanh: AccurateTanh.Apply(src, dst); break;
            case ActivationKind.Sigmoid: TensorPrimitives.Sigmoid(src, dst); break;
            case ActivationKind.HardSigmoid: Map<HardSigmoidOp>(src, src, dst); break;
            case ActivationKind.Relu: TensorPrimitives.Max(src, 0f, dst); break;
            default: if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst))) src.CopyTo(dst); break;
        }
    }

    /// <summary><c>dst = g ⊙ act′</c> where act′ is read from the output <paramref name="y"/>; <paramref name="dst"/> may alias <paramref name="g"/>.</summary>
    public static void MultiplyByDerivative(ActivationKind kind, ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dst)
    {
        switch (kind)
        {
            case ActivationKind.Tanh: Map<TanhGradOp>(y, g, dst); break;
            case ActivationKind.Sigmoid: Map<SigmoidGradOp>(y, g, dst); break;
            case ActivationKind.HardSigmoid: Map<HardSigmoidGradOp>(y, g, dst); break;
            case ActivationKind.Relu: Map<ReluGradOp>(y, g, dst); break;
            default: if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(g), ref MemoryMarshal.GetReference(dst))) g.CopyTo(dst); break;
        }
    }

    /// <summary>An element-wise map of two inputs, written once per vector width.</summary>
    private interface IMap
    {
        static abstract float Apply(float y, float g);
        static abstract Vector512<float> Apply(Vector512<float> y, Vector512<float> g);
        static abstract Vector256<float> Apply(Vector256<float> y, Vector256<float> g);
    }

    // Reads element i of both inputs before writing element i, so dst may alias either input exactly.
    private static void Map<TOp>(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dst) where TOp : IMap
    {
        int n = dst.Length, i = 0;
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rd = ref MemoryMarshal.GetReference(dst);
        if (Simd.Use512)
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                TOp.Apply(Vector512.LoadUnsafe(ref ry, (nuint)i), Vector512.LoadUnsafe(ref rg, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        if (Simd.Use256)
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref ry, (nuint)i), Vector256.LoadUnsafe(ref rg, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref rd, i) = TOp.Apply(Unsafe.Add(ref ry, i), Unsafe.Add(ref rg, i));
    }

    /// <summary>Keras 3 <c>clip(x/6 + 0.5, 0, 1)</c> (division, as Keras writes it); the second input is ignored.</summary>
    private readonly struct HardSigmoidOp : IMap
    {
        public static float Apply(float x, float _) { float v = x / 6f + 0.5f; return float.IsNaN(v) ? v : Math.Clamp(v, 0f, 1f); }
        public static Vector512<float> Apply(Vector512<float> x, Vector512<float> _) =>
            Vector512.Clamp(x / Vector512.Create(6f) + Vector512.Create(0.5f), Vector512<float>.Zero, Vector512<float>.One);
        public static Vector256<float> Apply(Vector256<float> x, Vector256<float> _) =>
            Vector256.Clamp(x / Vector256.Create(6f) + Vector256.Create(0.5f), Vector256<float>.Zero, Vector256<float>.One);
    }

    private readonly struct TanhGradOp : IMap
    {
        public static float Apply(float y, float g) => g * (1f - y * y);
        public static Vector512<float> Apply(Vector512<float> y, Vector512<float> g) => g * (Vector512<float>.One - y * y);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> g) => g * (Vector256<float>.One - y * y);
    }

    private readonly struct SigmoidGradOp : IMap
    {
        public static float Apply(float y, float g) => g * (y * (1f - y));
        public static Vector512<float> Apply(Vector512<float> y, Vector512<float> g) => g * (y * (Vector512<float>.One - y));
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> g) => g * (y * (Vector256<float>.One - y));
    }

    /// <summary>Slope 1/6 strictly inside (0, 1), zero on the clipped parts.</summary>
    private readonly struct HardSigmoidGradOp : IMap
    {
        public static float Apply(float y, float g) => y > 0f && y < 1f ? g * (1f / 6f) : 0f;
        public static Vector512<float> Apply(Vector512<float> y, Vector512<float> g) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero) & Vector512.LessThan(y, Vector512<float>.One),
                g * Vector512.Create(1f / 6f), Vector512<float>.Zero);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> g) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero) & Vector256.LessThan(y, Vector256<float>.One),
                g * Vector256.Create(1f / 6f), Vector256<float>.Zero);
    }

    private readonly struct ReluGradOp : IMap
    {
        public static float Apply(float y, float g) => y > 0f ? g : 0f;
        public static Vector512<float> Apply(Vector512<float> y, Vector512<float> g) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), g, Vector512<float>.Zero);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> g) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), g, Vector256<float>.Zero);
    }
}
