using System.Buffers;

namespace Recur.Kernels.Recurrent;

/// <summary>
/// Scratch memory rented from <see cref="ArrayPool{T}"/> for one kernel call and carved into consecutive slices;
/// <c>using</c> returns it. Contents start undefined.
/// </summary>
internal ref struct PooledBuffer<T>
{
    private readonly T[] _array;
    private int _used;

    public PooledBuffer(int length)
    {
        _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
    }

    /// <summary>The next <paramref name="length"/> elements.</summary>
    public Span<T> Take(int length)
    {
        var s = _array.AsSpan(_used, length);
        _used += length;
        return s;
    }

    public readonly void Dispose() => ArrayPool<T>.Shared.Return(_array);
}
