using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// The few vector operations the GEMM loops need, abstracted over the vector width so one generic loop serves
/// Vector512 and Vector256; the JIT specializes each struct instantiation into plain vector code.
/// </summary>
internal unsafe interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Count { get; }

    static abstract TSelf Broadcast(float value);

    static abstract TSelf Load(float* p);

    static abstract void Store(TSelf v, float* p);

    /// <summary>a * b + c with a single rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Multiply(TSelf a, TSelf b);
}

/// <summary>Epilogue shared by every vector path, so all of them round C's update identically.</summary>
internal static unsafe class LaneUpdate
{
    /// <summary>C = alpha * sum (beta = 0, C not read) or C = fma(alpha, sum, beta * C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<T>(float* c, T sum, T alpha, float beta) where T : struct, ILanes<T>
    {
        T result = beta == 0f ? T.Multiply(alpha, sum) : T.MultiplyAdd(alpha, sum, T.Multiply(T.Broadcast(beta), T.Load(c)));
        T.Store(result, c);
    }
}

/// <summary>16 floats (AVX-512).</summary>
internal readonly unsafe struct Lanes512(Vector512<float> v) : ILanes<Lanes512>
{
    public readonly Vector512<float> V = v;

    public static int Count => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(float* p) => new(Vector512.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512 v, float* p) => Vector512.Store(v.V, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.V, b.V, c.V));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Multiply(Lanes512 a, Lanes512 b) => new(a.V * b.V);
}

/// <summary>8 floats (AVX2).</summary>
internal readonly unsafe struct Lanes256(Vector256<float> v) : ILanes<Lanes256>
{
    public readonly Vector256<float> V = v;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(float* p) => new(Vector256.Load(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256 v, float* p) => Vector256.Store(v.V, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.V, b.V, c.V));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Multiply(Lanes256 a, Lanes256 b) => new(a.V * b.V);
}
