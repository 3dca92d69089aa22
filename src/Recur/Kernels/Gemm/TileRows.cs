namespace Recur.Kernels;

/// <summary>The row counts of <see cref="MicroKernel512"/>'s tiles: a full panel of MR rows, and each shorter last panel.</summary>
internal static class TileRows
{
    public struct One : IRowCount { public static int Count => 1; }

    public struct Two : IRowCount { public static int Count => 2; }

    public struct Three : IRowCount { public static int Count => 3; }

    public struct Four : IRowCount { public static int Count => 4; }

    public struct Five : IRowCount { public static int Count => 5; }

    public struct Six : IRowCount { public static int Count => 6; }

    public struct Seven : IRowCount { public static int Count => 7; }

    public struct Eight : IRowCount { public static int Count => 8; }

    public struct Nine : IRowCount { public static int Count => 9; }

    public struct Ten : IRowCount { public static int Count => 10; }

    public struct Eleven : IRowCount { public static int Count => 11; }

    public struct Full : IRowCount { public static int Count => GemmBlocking.MR; }
}
