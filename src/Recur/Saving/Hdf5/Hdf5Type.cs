namespace Recur.Saving.Hdf5;

/// <summary>The datatype classes the reader decodes; anything else is kept as <see cref="Other"/> and rejected only when read.</summary>
internal enum Hdf5TypeClass
{
    Integer,
    Float,
    FixedString,
    VariableString,
    Other,
}

/// <summary>A decoded HDF5 datatype message (integers, IEEE floats, fixed and variable-length strings).</summary>
internal sealed record Hdf5Type(Hdf5TypeClass Class, int Size, bool Signed = false, bool BigEndian = false, int RawClass = -1)
{
    public static readonly Hdf5Type Float32 = new(Hdf5TypeClass.Float, 4);
    public static readonly Hdf5Type Float64 = new(Hdf5TypeClass.Float, 8);
    public static readonly Hdf5Type Int64 = new(Hdf5TypeClass.Integer, 8, Signed: true);

    public override string ToString() => Class switch
    {
        Hdf5TypeClass.Integer => $"{(Signed ? "int" : "uint")}{Size * 8}",
        Hdf5TypeClass.Float => $"float{Size * 8}",
        Hdf5TypeClass.FixedString => $"string[{Size}]",
        Hdf5TypeClass.VariableString => "vlen string",
        _ => $"unsupported datatype class {RawClass}",
    };

    /// <summary>Decodes a datatype message body; <paramref name="c"/> ends after it.</summary>
    public static Hdf5Type Read(Hdf5Cursor c, int depth = 0)
    {
        if (depth > 8) throw c.Buffer.Error($"{c.What}: datatype nesting too deep");
        byte classVersion = c.U8();
        int cls = classVersion & 0x0F;
        byte b0 = c.U8(), b1 = c.U8();
        c.U8();
        uint size = c.U32();
        if (size == 0 || size > 1 << 20) throw c.Buffer.Error($"{c.What}: datatype size {size} is invalid");
        bool bigEndian = (b0 & 1) != 0;
        switch (cls)
        {
            case 0:
                c.Skip(4);   // bit offset, precision
                if (size is not (1 or 2 or 4 or 8)) return new Hdf5Type(Hdf5TypeClass.Other, (int)size, RawClass: cls);
                return new Hdf5Type(Hdf5TypeClass.Integer, (int)size, Signed: (b0 & 0x08) != 0, BigEndian: bigEndian, RawClass: cls);
            case 1:
                c.Skip(12);
                if (size is not (4 or 8)) return new Hdf5Type(Hdf5TypeClass.Other, (int)size, RawClass: cls);
                return new Hdf5Type(Hdf5TypeClass.Float, (int)size, BigEndian: bigEndian, RawClass: cls);
            case 3:
                return new Hdf5Type(Hdf5TypeClass.FixedString, (int)size, RawClass: cls);
            case 9:
                var baseType = Read(c, depth + 1);
                bool isString = (b0 & 0x0F) == 1;
                return isString && baseType.Size == 1
                    ? new Hdf5Type(Hdf5TypeClass.VariableString, (int)size, RawClass: cls)
                    : new Hdf5Type(Hdf5TypeClass.Other, (int)size, RawClass: cls);
            default:
                // Compound, enum, array, reference …: not needed by Keras files. The caller knows the message size and skips it.
                _ = b1;
                return new Hdf5Type(Hdf5TypeClass.Other, (int)size, RawClass: cls);
        }
    }
}
