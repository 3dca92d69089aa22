using System.Buffers.Binary;

namespace Recur.Saving.Hdf5;

/// <summary>
/// The whole file in memory with bounds-checked little-endian reads: every offset and size taken from the file is
/// validated here, so corrupt input becomes an <see cref="Hdf5FormatException"/> instead of an index error.
/// </summary>
internal sealed class Hdf5Buffer(byte[] data, string source)
{
    public const ulong Undefined = ulong.MaxValue;

    public byte[] Data { get; } = data;

    /// <summary>The file name (or a description of the stream) used in error messages.</summary>
    public string Source { get; } = source;

    public long Length => Data.Length;

    /// <summary>Size of file offsets (O) and lengths (L), from the superblock.</summary>
    public int OffsetSize { get; set; } = 8;

    public int LengthSize { get; set; } = 8;

    /// <summary>Added to every address (the superblock's base address).</summary>
    public long BaseAddress { get; set; }

    public Hdf5FormatException Error(string what) => new($"HDF5 file '{Source}': {what}.");

    /// <summary>Converts a file address to a checked position with at least <paramref name="need"/> bytes after it.</summary>
    public long Position(ulong address, long need, string what)
    {
        if (address == Undefined) throw Error($"{what} has an undefined address");
        if (address > (ulong)Length || (long)address + BaseAddress < 0) throw Error($"{what} at address {address} lies beyond the end of the file ({Length} bytes)");
        long pos = (long)address + BaseAddress;
        Check(pos, need, what);
        return pos;
    }

    /// <summary>Throws unless [<paramref name="pos"/>, pos + <paramref name="need"/>) lies inside the file.</summary>
    public void Check(long pos, long need, string what)
    {
        if (need < 0 || pos < 0 || pos > Length || need > Length - pos)
            throw Error($"{what} at offset {pos} needs {need} bytes but the file has {Length} (truncated or corrupt)");
    }

    public ReadOnlySpan<byte> Span(long pos, long count, string what)
    {
        Check(pos, count, what);
        return Data.AsSpan((int)pos, (int)count);
    }

    public Hdf5Cursor Cursor(long pos, long limit, string what)
    {
        Check(pos, limit - pos, what);
        return new Hdf5Cursor(this, pos, limit, what);
    }
}

/// <summary>A read position inside a bounded region of an <see cref="Hdf5Buffer"/>.</summary>
internal sealed class Hdf5Cursor(Hdf5Buffer buffer, long pos, long limit, string what)
{
    public Hdf5Buffer Buffer { get; } = buffer;

    public long Pos { get; set; } = pos;

    public long Limit { get; } = limit;

    public string What { get; } = what;

    public long Remaining => Limit - Pos;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > Limit - Pos) throw Buffer.Error($"{What}: needs {n} more bytes at offset {Pos} but only {Math.Max(0, Limit - Pos)} remain");
        var s = Buffer.Data.AsSpan((int)Pos, n);
        Pos += n;
        return s;
    }

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>An unsigned integer of 1, 2, 4 or 8 bytes.</summary>
    public ulong UInt(int size) => size switch
    {
        1 => U8(),
        2 => U16(),
        4 => U32(),
        8 => U64(),
        _ => throw Buffer.Error($"{What}: unsupported integer size {size}"),
    };

    /// <summary>An address (O bytes); all ones means undefined.</summary>
    public ulong Address()
    {
        int o = Buffer.OffsetSize;
        ulong v = UInt(o);
        return o < 8 && v == (1UL << (8 * o)) - 1 ? Hdf5Buffer.Undefined : v;
    }

    /// <summary>A length (L bytes).</summary>
    public ulong Length() => UInt(Buffer.LengthSize);

    public ReadOnlySpan<byte> Bytes(int n) => Take(n);

    public void Skip(long n)
    {
        if (n < 0 || n > Limit - Pos) throw Buffer.Error($"{What}: cannot skip {n} bytes at offset {Pos}; only {Math.Max(0, Limit - Pos)} remain");
        Pos += n;
    }

    public void Expect(ReadOnlySpan<byte> signature, string name)
    {
        if (!Take(signature.Length).SequenceEqual(signature)) throw Buffer.Error($"{What}: expected signature '{name}' at offset {Pos - signature.Length}");
    }
}
