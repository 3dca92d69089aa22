namespace Recur.Saving.Hdf5;

/// <summary>Decodes dataspace messages (versions 1 and 2) into a shape; rank 0 is a scalar, a null dataspace has no elements.</summary>
internal static class Hdf5Dataspace
{
    public const int MaxRank = 32;

    /// <summary>The dimensions, or null for a null dataspace (no data at all).</summary>
    public static long[]? Read(Hdf5Cursor c)
    {
        byte version = c.U8();
        int rank = c.U8();
        byte flags = c.U8();
        bool isNull = false;
        if (version == 1) c.Skip(5);
        else if (version == 2) isNull = c.U8() == 2;
        else throw c.Buffer.Error($"{c.What}: unsupported dataspace version {version}");
        if (rank > MaxRank) throw c.Buffer.Error($"{c.What}: dataspace rank {rank} exceeds {MaxRank}");
        var dims = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            ulong d = c.Length();
            if (d > int.MaxValue) throw c.Buffer.Error($"{c.What}: dimension {i} is {d}, too large");
            dims[i] = (long)d;
        }
        if ((flags & 1) != 0) c.Skip((long)rank * c.Buffer.LengthSize);
        return isNull ? null : dims;
    }

    /// <summary>Element count with overflow checking against <paramref name="cap"/>.</summary>
    public static long Count(long[] dims, long cap, Hdf5Buffer buffer, string what)
    {
        long n = 1;
        foreach (var d in dims)
        {
            if (d == 0) return 0;
            if (n > cap / d) throw buffer.Error($"{what}: shape [{string.Join(", ", dims)}] holds more elements than the file can contain");
            n *= d;
        }
        return n;
    }
}
