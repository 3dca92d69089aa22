using System.Runtime.CompilerServices;

namespace Recur;

/// <summary>
/// A dense float32 tensor of rank 0 to 6, stored row-major in one contiguous array.
/// Tensors take part in reverse-mode differentiation when <see cref="RequiresGrad"/> is set.
/// </summary>
/// <remarks>
/// The constructor wraps the caller's array without copying (zero-copy interop); <see cref="ToArray"/> copies.
/// Tensors are not <see cref="IDisposable"/>: they hold managed memory only.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>The largest rank a tensor may have (ConvLSTM3D inputs are rank 6).</summary>
    public const int MaxRank = 6;

    private readonly float[] _data;
    private readonly int[] _shape;

    /// <summary>Wraps <paramref name="data"/> (no copy) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its element count differs from the data length.</exception>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int size = Shapes.Validate(shape, "Tensor");
        if (size != data.Length)
            throw new ArgumentException(
                $"Tensor: shape {Shapes.Format(shape)} holds {size} elements; received {data.Length} values.", nameof(data));
        _data = data;
        _shape = (int[])shape.Clone();
    }

    /// <summary>Trusted constructor: no validation, takes ownership of both arrays.</summary>
    private Tensor(int[] shape, float[] data, bool _)
    {
        _shape = shape;
        _data = data;
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The dimensions without copying; callers must not mutate.</summary>
    internal int[] Dims => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements.</summary>
    public int Size => _data.Length;

    /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => _shape[Shapes.Axis(axis, Rank, "Tensor.Dim")];

    /// <summary>The elements, row-major, as a writable span (interop with System.Numerics.Tensors).</summary>
    public Span<float> AsSpan() => _data;

    /// <summary>The elements, row-major, as a read-only span.</summary>
    public ReadOnlySpan<float> AsReadOnlySpan() => _data;

    internal Span<float> Span => _data;

    internal float[] Data => _data;

    /// <summary>A row-major copy of the elements.</summary>
    public float[] ToArray() => (float[])_data.Clone();

    /// <summary>Element at a full index (one coordinate per dimension; negative coordinates are not accepted).</summary>
    /// <exception cref="ArgumentException">Wrong number of coordinates, or a coordinate outside its dimension (<see cref="ArgumentOutOfRangeException"/>).</exception>
    [IndexerName("Element")]
    public float this[params int[] index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    private int Offset(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException(
                $"Tensor indexer: expected {Rank} coordinates for shape {Shapes.Format(_shape)}; received {index.Length}.", nameof(index));
        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"Tensor indexer: coordinate {index[i]} is outside dimension {i} of shape {Shapes.Format(_shape)}.");
            offset = offset * _shape[i] + index[i];
        }
        return offset;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[Shapes.Validate(shape, "Tensor.Zeros")], shape);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[Shapes.Validate(shape, "Tensor.Full")];
        data.AsSpan().Fill(value);
        return new Tensor(data, shape);
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => new([], [value], true);

    /// <summary>A new tensor (zero-filled) with a shape the library trusts; internal fast path for ops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Tensor Empty(int[] shape) => new(shape, new float[Shapes.Size(shape)], true);

    /// <summary>
    /// A new tensor whose elements are not cleared, for an op that writes every element before anyone reads it: the
    /// allocator would otherwise zero a large output first, about 30 µs per MB on every call.
    /// </summary>
    internal static Tensor Uninitialized(int[] shape)
    {
        var data = GC.AllocateUninitializedArray<float>(Shapes.Size(shape));
        if (UninitializedFill is { } fill) data.AsSpan().Fill(fill);
        return new(shape, data, true);
    }

    /// <summary>
    /// Test switch: when set, <see cref="Uninitialized"/> fills new tensors with this value (the tests use NaN), so that an
    /// element an op forgets to write shows in its results instead of reading as whatever the memory held (often zero).
    /// </summary>
    internal static float? UninitializedFill { get; set; }

    /// <summary>Wraps data the library owns with a trusted shape (no validation, no copy).</summary>
    internal static Tensor Wrap(float[] data, int[] shape) => new(shape, data, true);

    /// <summary>The value of a single-element tensor.</summary>
    public float Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Tensor.Item: expected a tensor with one element; shape is {Shapes.Format(_shape)}.");
        return _data[0];
    }

    /// <summary>A deep copy that does not take part in the gradient graph.</summary>
    public Tensor Clone() => new(_shape, (float[])_data.Clone(), true);

    /// <summary>The same data, cut off from the gradient graph (no copy).</summary>
    public Tensor Detach() => new(_shape, _data, true);

    /// <summary>True when both tensors have the same shape.</summary>
    public bool ShapeEquals(Tensor other) => _shape.AsSpan().SequenceEqual(other._shape);
}
