using System.Text;

namespace Recur.Saving.Hdf5;

/// <summary>Decodes a link message (compact new-style groups); only hard links are followed, soft and external links are skipped.</summary>
internal static class Hdf5Link
{
    public static (string Name, ulong Address)? Read(Hdf5Cursor c)
    {
        byte version = c.U8();
        if (version != 1) throw c.Buffer.Error($"{c.What}: link message version {version} is not supported");
        byte flags = c.U8();
        int linkType = (flags & 0x08) != 0 ? c.U8() : 0;
        if ((flags & 0x04) != 0) c.U64();   // creation order
        if ((flags & 0x10) != 0) c.U8();    // name character set
        int nameLength = (int)c.UInt(1 << (flags & 3));
        string name = Encoding.UTF8.GetString(c.Bytes(nameLength));
        return linkType == 0 ? (name, c.Address()) : null;
    }
}
