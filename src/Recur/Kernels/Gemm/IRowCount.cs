namespace Recur.Kernels;

/// <summary>Compile-time count (rows of a register tile, or vectors per pass of the single-row loop); the JIT drops the code for absent ones.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}
