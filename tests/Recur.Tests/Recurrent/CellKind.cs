namespace Recur.Tests.Recurrent;

/// <summary>The cells the fused-kernel tests cover; GRU appears once per <c>reset_after</c> value.</summary>
public enum CellKind
{
    Lstm,
    GruResetAfter,
    GruResetBefore,
    SimpleRnn,
}

internal static class CellKinds
{
    public static int Gates(this CellKind k) => k switch { CellKind.Lstm => 4, CellKind.SimpleRnn => 1, _ => 3 };

    public static int StateCount(this CellKind k) => k == CellKind.Lstm ? 2 : 1;

    /// <summary>Bias element count in the Keras layout.</summary>
    public static int BiasSize(this CellKind k, int units) => k == CellKind.GruResetAfter ? 6 * units : k.Gates() * units;
}
