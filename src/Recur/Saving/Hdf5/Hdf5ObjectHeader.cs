namespace Recur.Saving.Hdf5;

/// <summary>One header message: its type and where its body lies in the file.</summary>
internal readonly record struct Hdf5Message(int Type, long Position, int Size, byte Flags);

/// <summary>
/// Reads the messages of an object header (version 1, or version 2 <c>OHDR</c>), following continuation blocks; each
/// block is visited once and the message count is capped, so corrupt headers cannot loop.
/// </summary>
internal static class Hdf5ObjectHeader
{
    public const int Continuation = 0x10;
    private const int MaxMessages = 1 << 16;

    public static List<Hdf5Message> Read(Hdf5Buffer buffer, ulong address, string what)
    {
        long pos = buffer.Position(address, 16, $"object header of {what}");
        var messages = new List<Hdf5Message>();
        var blocks = new Queue<(long Pos, long Length)>();
        var seen = new HashSet<long>();
        bool v2 = buffer.Data[pos] == (byte)'O';
        int v2Flags = 0;
        if (v2)
        {
            var c = buffer.Cursor(pos, buffer.Length, $"object header of {what}");
            c.Expect("OHDR"u8, "OHDR");
            if (c.U8() != 2) throw buffer.Error($"object header of {what}: unsupported version");
            v2Flags = c.U8();
            if ((v2Flags & 0x20) != 0) c.Skip(16);
            if ((v2Flags & 0x10) != 0) c.Skip(4);
            long size = (long)c.UInt(1 << (v2Flags & 3));
            buffer.Check(c.Pos, size + 4, $"object header of {what}");
            blocks.Enqueue((c.Pos, size));
        }
        else
        {
            var c = buffer.Cursor(pos, pos + 16, $"object header of {what}");
            byte version = c.U8();
            if (version != 1) throw buffer.Error($"object header of {what} at {address}: version {version} is not supported");
            c.Skip(3);   // reserved, message count (the blocks' sizes bound the walk instead)
            c.U32();     // reference count
            long size = c.U32();
            buffer.Check(pos + 16, size, $"object header of {what}");
            blocks.Enqueue((pos + 16, size));
        }
        while (blocks.Count > 0)
        {
            var (start, length) = blocks.Dequeue();
            if (!seen.Add(start)) throw buffer.Error($"object header of {what}: continuation blocks form a cycle");
            // Version 2 continuation blocks are framed by an OCHK signature and a checksum; the first block is not.
            bool framed = v2 && seen.Count > 1;
            var c = buffer.Cursor(start, start + length, $"object header of {what}");
            if (framed) c.Expect("OCHK"u8, "OCHK");
            long end = framed ? start + length - 4 : start + length;
            int headerSize = v2 ? 4 + ((v2Flags & 0x04) != 0 ? 2 : 0) : 8;
            while (end - c.Pos >= headerSize)
            {
                int type;
                int size;
                byte flags;
                if (v2)
                {
                    type = c.U8();
                    size = c.U16();
                    flags = c.U8();
                    if ((v2Flags & 0x04) != 0) c.U16();
                }
                else
                {
                    type = c.U16();
                    size = c.U16();
                    flags = c.U8();
                    c.Skip(3);
                }
                if (size > end - c.Pos) throw buffer.Error($"object header of {what}: message of type {type} (size {size}) runs past its block");
                if (messages.Count >= MaxMessages) throw buffer.Error($"object header of {what}: more than {MaxMessages} messages");
                var message = new Hdf5Message(type, c.Pos, size, flags);
                c.Skip(size);
                if (type == Continuation)
                {
                    var mc = buffer.Cursor(message.Position, message.Position + size, $"continuation message of {what}");
                    ulong blockAddress = mc.Address();
                    ulong blockLength = mc.Length();
                    if (blockLength > (ulong)buffer.Length) throw buffer.Error($"object header of {what}: continuation block length {blockLength} exceeds the file");
                    long blockPos = buffer.Position(blockAddress, (long)blockLength, $"continuation block of {what}");
                    blocks.Enqueue((blockPos, (long)blockLength));
                }
                else messages.Add(message);
            }
            if (!v2) c.Skip(Math.Min(c.Remaining, end - c.Pos));
        }
        return messages;
    }
}
