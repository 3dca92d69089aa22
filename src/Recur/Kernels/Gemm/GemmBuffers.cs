using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recur.Kernels;

/// <summary>Per-thread pinned packing space, allocated once per thread so GEMM calls never allocate.</summary>
internal static unsafe class GemmBuffers
{
    public const int APanelFloats = GemmBlocking.MR * GemmBlocking.KCMax;
    public const int BBlockFloats = GemmBlocking.KCMax * GemmBlocking.NC;
    public const int BEdgeFloats = GemmBlocking.KCMax * GemmBlocking.NR;
    public const int TileFloats = GemmBlocking.MR * GemmBlocking.NR;

    // 64-float gaps keep each region on its own cache lines (the array start is only 8-byte aligned).
    private const int Gap = 64;
    private const int TotalFloats = APanelFloats + BBlockFloats + BEdgeFloats + TileFloats + 5 * Gap;

    [ThreadStatic]
    private static float[]? _storage;

    /// <summary>Start of this thread's buffer, 64-byte aligned: A panel, B block, B edge panel, C tile.</summary>
    public static float* Base()
    {
        var storage = _storage ??= GC.AllocateUninitializedArray<float>(TotalFloats, pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        return (float*)(((nint)p + 63) & ~(nint)63);
    }

    public static float* APanel(float* @base) => @base;

    public static float* BBlock(float* @base) => @base + APanelFloats + Gap;

    public static float* BEdge(float* @base) => @base + APanelFloats + BBlockFloats + 2 * Gap;

    public static float* Tile(float* @base) => @base + APanelFloats + BBlockFloats + BEdgeFloats + 3 * Gap;
}
