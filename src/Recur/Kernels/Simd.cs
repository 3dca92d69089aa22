using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>The SIMD width the kernels may use; tests lower it to exercise every path on one machine.</summary>
internal static class Simd
{
    /// <summary>Widest vector in bits the kernels may use (512, 256 or 0 for scalar only).</summary>
    public static int MaxWidth { get; set; } = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 0;

    public static bool Use512 => MaxWidth >= 512 && Vector512.IsHardwareAccelerated;
    public static bool Use256 => MaxWidth >= 256 && Vector256.IsHardwareAccelerated;
}
