using System.Text;

namespace Recur.Saving.Hdf5;

/// <summary>Decodes attribute messages (versions 1–3): name, datatype, dataspace and the values.</summary>
internal static class Hdf5AttributeMessage
{
    public static Hdf5Attribute Read(Hdf5File file, Hdf5Cursor c, string owner)
    {
        byte version = c.U8();
        if (version is < 1 or > 3) throw c.Buffer.Error($"{c.What}: attribute message version {version} is not supported");
        c.U8();   // reserved (v1) or flags (v2/v3: shared datatype/dataspace, which h5py never writes)
        int nameSize = c.U16(), typeSize = c.U16(), spaceSize = c.U16();
        if (version == 3) c.U8();   // name encoding
        int Padded(int n) => version == 1 ? (n + 7) / 8 * 8 : n;

        var nameBytes = c.Bytes(Padded(nameSize))[..nameSize];
        int nul = nameBytes.IndexOf((byte)0);
        string name = Encoding.UTF8.GetString(nul >= 0 ? nameBytes[..nul] : nameBytes);
        string what = $"attribute '{name}' of '{owner}'";

        long typeStart = c.Pos;
        var type = Hdf5Type.Read(new Hdf5Cursor(c.Buffer, typeStart, Math.Min(c.Limit, typeStart + typeSize), what));
        c.Skip(Padded(typeSize));
        long spaceStart = c.Pos;
        var shape = Hdf5Dataspace.Read(new Hdf5Cursor(c.Buffer, spaceStart, Math.Min(c.Limit, spaceStart + spaceSize), what));
        c.Skip(Padded(spaceSize));
        if (shape is null) return new Hdf5Attribute(name, type, [0], Array.Empty<long>());

        long count = Hdf5Dataspace.Count(shape, c.Remaining / Math.Max(1, type.Size) + 1, c.Buffer, what);
        var values = Hdf5Values.Decode(file, type, c.Bytes((int)Math.Min(c.Remaining, count * type.Size)), count, what);
        return new Hdf5Attribute(name, type, shape, values);
    }
}
