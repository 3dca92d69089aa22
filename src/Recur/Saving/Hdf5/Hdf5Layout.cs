namespace Recur.Saving.Hdf5;

/// <summary>Where a dataset's bytes are: inline (compact), in one block (contiguous) or in chunks indexed by a v1 B-tree.</summary>
internal abstract record Hdf5Layout
{
    public sealed record Compact(long Position, long Size) : Hdf5Layout;

    public sealed record Contiguous(ulong Address, ulong Size) : Hdf5Layout;

    /// <summary><paramref name="ChunkDims"/> excludes the trailing element-size dimension of the message.</summary>
    public sealed record Chunked(ulong BTreeAddress, long[] ChunkDims) : Hdf5Layout;

    /// <summary>Decodes a data layout message: version 3, or version 4 for the compact and contiguous classes (same encoding).</summary>
    public static Hdf5Layout Read(Hdf5Cursor c)
    {
        byte version = c.U8();
        if (version is not (3 or 4)) throw c.Buffer.Error($"{c.What}: data layout version {version} is not supported (only versions 3 and 4)");
        byte cls = c.U8();
        if (version == 4 && cls == 2)
            throw c.Buffer.Error($"{c.What}: chunked layout version 4 (libver='latest' chunk indexes) is not supported; only version 3 chunk B-trees");
        switch (cls)
        {
            case 0:
                int size = c.U16();
                long pos = c.Pos;
                c.Skip(size);
                return new Compact(pos, size);
            case 1:
                return new Contiguous(c.Address(), c.Length());
            case 2:
                int dimensionality = c.U8();
                if (dimensionality < 1 || dimensionality > Hdf5Dataspace.MaxRank + 1)
                    throw c.Buffer.Error($"{c.What}: chunk dimensionality {dimensionality} is invalid");
                ulong address = c.Address();
                var dims = new long[dimensionality - 1];
                for (int i = 0; i < dims.Length; i++)
                {
                    dims[i] = c.U32();
                    if (dims[i] == 0) throw c.Buffer.Error($"{c.What}: chunk dimension {i} is zero");
                }
                c.U32();   // element size
                return new Chunked(address, dims);
            default:
                throw c.Buffer.Error($"{c.What}: unknown data layout class {cls}");
        }
    }
}
