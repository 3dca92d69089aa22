namespace Recur.Saving.Hdf5;

/// <summary>One entry of a filter pipeline message: the filter id (1 = deflate, 2 = shuffle, 3 = fletcher32) and its flags.</summary>
internal sealed record Hdf5Filter(int Id, bool Optional)
{
    /// <summary>Decodes a filter pipeline message (versions 1 and 2).</summary>
    public static IReadOnlyList<Hdf5Filter> ReadPipeline(Hdf5Cursor c)
    {
        byte version = c.U8();
        int count = c.U8();
        if (version == 1) c.Skip(6);
        else if (version != 2) throw c.Buffer.Error($"{c.What}: filter pipeline version {version} is not supported");
        if (count > 32) throw c.Buffer.Error($"{c.What}: {count} filters is more than HDF5 allows");
        var filters = new List<Hdf5Filter>(count);
        for (int i = 0; i < count; i++)
        {
            int id = c.U16();
            int nameLength = version == 1 || id >= 256 ? c.U16() : 0;
            int flags = c.U16();
            int values = c.U16();
            if (version == 1) c.Skip((nameLength + 7) / 8 * 8);
            else c.Skip(nameLength);
            c.Skip(4L * values);
            if (version == 1 && values % 2 == 1) c.Skip(4);
            filters.Add(new Hdf5Filter(id, (flags & 1) != 0));
        }
        return filters;
    }
}
