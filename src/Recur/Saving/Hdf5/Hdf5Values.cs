using System.Buffers.Binary;
using System.Text;

namespace Recur.Saving.Hdf5;

/// <summary>Decodes attribute element bytes into strings, integers or floats.</summary>
internal static class Hdf5Values
{
    public static long Integer(ReadOnlySpan<byte> b, bool signed) => b.Length switch
    {
        1 => signed ? (sbyte)b[0] : b[0],
        2 => signed ? BinaryPrimitives.ReadInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        4 => signed ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        _ => BinaryPrimitives.ReadInt64LittleEndian(b),
    };

    /// <summary>Decodes <paramref name="count"/> elements of <paramref name="type"/> (already little-endian unless the type says otherwise).</summary>
    public static Array? Decode(Hdf5File file, Hdf5Type type, ReadOnlySpan<byte> data, long count, string what)
    {
        int size = type.Size;
        if (count * size > data.Length)
            throw file.Buffer.Error($"{what}: {count} elements of {type} need {count * size} bytes; the message holds {data.Length}");
        int n = (int)count;
        switch (type.Class)
        {
            case Hdf5TypeClass.Integer:
            {
                var r = new long[n];
                for (int i = 0; i < n; i++) r[i] = Integer(Ordered(data.Slice(i * size, size), type.BigEndian), type.Signed);
                return r;
            }
            case Hdf5TypeClass.Float:
            {
                var r = new double[n];
                for (int i = 0; i < n; i++)
                {
                    var e = Ordered(data.Slice(i * size, size), type.BigEndian);
                    r[i] = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(e) : BinaryPrimitives.ReadDoubleLittleEndian(e);
                }
                return r;
            }
            case Hdf5TypeClass.FixedString:
            {
                var r = new string[n];
                for (int i = 0; i < n; i++)
                {
                    var e = data.Slice(i * size, size);
                    int end = e.IndexOf((byte)0);
                    r[i] = Encoding.UTF8.GetString(end >= 0 ? e[..end] : e).TrimEnd(' ');
                }
                return r;
            }
            case Hdf5TypeClass.VariableString:
            {
                if (size < 8 + file.Buffer.OffsetSize) throw file.Buffer.Error($"{what}: variable-length element size {size} is too small");
                var r = new string[n];
                for (int i = 0; i < n; i++)
                {
                    var e = data.Slice(i * size, size);
                    uint length = BinaryPrimitives.ReadUInt32LittleEndian(e);
                    ulong collection = ReadAddress(e[4..], file.Buffer.OffsetSize);
                    uint index = BinaryPrimitives.ReadUInt32LittleEndian(e[(4 + file.Buffer.OffsetSize)..]);
                    r[i] = length == 0 ? "" : Encoding.UTF8.GetString(file.GlobalHeapObject(collection, index, length, what)).TrimEnd('\0');
                }
                return r;
            }
            default:
                return null;
        }
    }

    private static ulong ReadAddress(ReadOnlySpan<byte> b, int size) => size switch
    {
        4 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(b),
    };

    private static ReadOnlySpan<byte> Ordered(ReadOnlySpan<byte> e, bool bigEndian)
    {
        if (!bigEndian) return e;
        var copy = e.ToArray();
        Array.Reverse(copy);
        return copy;
    }
}
