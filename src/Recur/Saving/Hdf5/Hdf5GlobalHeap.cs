namespace Recur.Saving.Hdf5;

/// <summary>Indexes a global heap collection (<c>GCOL</c>), where variable-length strings live: object index → bytes.</summary>
internal static class Hdf5GlobalHeap
{
    public static Dictionary<uint, (long Pos, long Size)> Read(Hdf5Buffer buffer, ulong address, string what)
    {
        long pos = buffer.Position(address, 16, $"global heap of {what}");
        var c = buffer.Cursor(pos, buffer.Length, $"global heap of {what}");
        c.Expect("GCOL"u8, "GCOL");
        c.Skip(4);   // version, reserved
        ulong size = c.Length();
        if (size < 16 || size > (ulong)(buffer.Length - pos)) throw buffer.Error($"global heap collection at {address} of {what} declares size {size}, beyond the file");
        long end = pos + (long)size;
        var objects = new Dictionary<uint, (long, long)>();
        var body = buffer.Cursor(c.Pos, end, $"global heap of {what}");
        // Each object needs at least its 8 + L byte header, so the loop ends within size / 16 steps.
        while (body.Remaining >= 8 + buffer.LengthSize)
        {
            uint index = body.U16();
            body.Skip(6);   // reference count, reserved
            ulong length = body.Length();
            if (index == 0) break;   // the free-space object ends the collection
            if (length > (ulong)body.Remaining) throw buffer.Error($"global heap object {index} of {what} runs past its collection");
            objects.TryAdd(index, (body.Pos, (long)length));
            body.Skip(((long)length + 7) / 8 * 8 > body.Remaining ? body.Remaining : ((long)length + 7) / 8 * 8);
        }
        return objects;
    }
}
