using System.Buffers.Binary;

namespace Recur.Saving.Hdf5;

/// <summary>A dataset: shape, element type and where its bytes are; the data is decoded on demand.</summary>
internal sealed class Hdf5Dataset(
    string path, IReadOnlyDictionary<string, Hdf5Attribute> attributes, Hdf5File file, long[] shape, Hdf5Type type,
    Hdf5Layout layout, IReadOnlyList<Hdf5Filter> filters) : Hdf5Node(path, attributes)
{
    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; } = shape;

    public Hdf5Type Type { get; } = type;

    public Hdf5Layout Layout { get; } = layout;

    public IReadOnlyList<Hdf5Filter> Filters { get; } = filters;

    public int[] IntShape => Shape.Select(d => (int)d).ToArray();

    /// <summary>The elements as float32 (float64 and integers are converted, as Keras casts on assignment).</summary>
    public float[] ReadFloat32()
    {
        var raw = ReadRaw();
        int n = raw.Length / Type.Size;
        var result = new float[n];
        var s = raw.AsSpan();
        switch (Type.Class, Type.Size)
        {
            case (Hdf5TypeClass.Float, 4):
                for (int i = 0; i < n; i++) result[i] = BinaryPrimitives.ReadSingleLittleEndian(s[(4 * i)..]);
                break;
            case (Hdf5TypeClass.Float, 8):
                for (int i = 0; i < n; i++) result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(s[(8 * i)..]);
                break;
            case (Hdf5TypeClass.Integer, _):
                for (int i = 0; i < n; i++) result[i] = Hdf5Values.Integer(s.Slice(i * Type.Size, Type.Size), Type.Signed);
                break;
            default:
                throw new Hdf5FormatException($"HDF5 file '{file.Source}': dataset '{Path}' has type {Type}; expected numbers.");
        }
        return result;
    }

    /// <summary>The elements as int64 (integer datasets only).</summary>
    public long[] ReadInt64()
    {
        if (Type.Class != Hdf5TypeClass.Integer)
            throw new Hdf5FormatException($"HDF5 file '{file.Source}': dataset '{Path}' has type {Type}; expected integers.");
        var raw = ReadRaw();
        var result = new long[raw.Length / Type.Size];
        for (int i = 0; i < result.Length; i++) result[i] = Hdf5Values.Integer(raw.AsSpan(i * Type.Size, Type.Size), Type.Signed);
        return result;
    }

    /// <summary>The raw little-endian element bytes (byte-swapped when the file stores big-endian data).</summary>
    public byte[] ReadRaw()
    {
        if (Type.Class is Hdf5TypeClass.Other or Hdf5TypeClass.VariableString)
            throw new Hdf5FormatException($"HDF5 file '{file.Source}': dataset '{Path}' has {Type}, which this reader does not decode.");
        var raw = Hdf5DataReader.Read(file, this);
        if (Type.BigEndian && Type.Size > 1)
            for (int i = 0; i < raw.Length; i += Type.Size) raw.AsSpan(i, Type.Size).Reverse();
        return raw;
    }

    public override string ToString() => $"{Path}: {Type} [{string.Join(", ", Shape)}]";
}
