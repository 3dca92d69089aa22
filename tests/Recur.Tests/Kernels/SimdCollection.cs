namespace Recur.Tests.Kernels;

/// <summary>Tests that change the process-wide <c>Simd.MaxWidth</c>; they must never run alongside each other.</summary>
[CollectionDefinition("Simd", DisableParallelization = true)]
public sealed class SimdCollection
{
}
