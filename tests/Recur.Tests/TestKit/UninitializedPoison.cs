using System.Runtime.CompilerServices;

namespace Recur.Tests.TestKit;

/// <summary>
/// For every test in this assembly, tensors the library allocates without clearing (<see cref="Tensor.Uninitialized"/>) start
/// as NaN, so an op that leaves an element unwritten fails the comparisons instead of passing on memory that happened to be zero.
/// </summary>
internal static class UninitializedPoison
{
    [ModuleInitializer]
    internal static void Enable() => Tensor.UninitializedFill = float.NaN;
}
