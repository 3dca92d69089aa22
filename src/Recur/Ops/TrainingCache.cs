using System.Buffers;

namespace Recur;

/// <summary>
/// The training cache of one fused recurrent direction, rented from <see cref="ArrayPool{T}.Shared"/> so that steady-state
/// training calls reuse the same memory instead of allocating (and zeroing) tens of MiB of large-object heap per call.
/// </summary>
/// <remarks>
/// Lifetime: the recorded node owns the cache; its backward returns it to the pool once it has read it. If the backward
/// never runs (the graph is dropped) the array is simply collected. A second backward through the same node (a graph
/// differentiated twice) finds the cache returned and rebuilds it by re-running the forward (<see cref="IsAvailable"/>).
/// Contents start undefined: the kernels write every cache element their backward reads.
/// </remarks>
internal sealed class TrainingCache
{
    private float[]? _array;

    private TrainingCache(float[] array, int length) => (_array, Length) = (array, length);

    /// <summary>No cache (inference).</summary>
    public static TrainingCache None { get; } = new([], 0);

    /// <summary>Floats the kernel sees.</summary>
    public int Length { get; }

    /// <summary>False once <see cref="Release"/> has handed the memory back.</summary>
    public bool IsAvailable => _array is not null;

    public static TrainingCache Rent(int length) =>
        length == 0 ? new([], 0) : new(ArrayPool<float>.Shared.Rent(length), length);

    /// <summary>The cache, exactly <see cref="Length"/> floats.</summary>
    public Span<float> Span =>
        (_array ?? throw new InvalidOperationException("TrainingCache: the cache was already returned to the pool.")).AsSpan(0, Length);

    /// <summary>Returns the memory to the pool (once; later calls do nothing).</summary>
    public void Release()
    {
        if (Length == 0) return;
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null) ArrayPool<float>.Shared.Return(array);
    }
}
