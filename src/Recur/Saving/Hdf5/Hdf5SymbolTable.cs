namespace Recur.Saving.Hdf5;

/// <summary>
/// Lists an old-style group: walks its v1 B-tree (type 0) down to the symbol-table nodes and reads the link names from
/// the local heap. Visited nodes are remembered, so a corrupt tree cannot loop.
/// </summary>
internal static class Hdf5SymbolTable
{
    private const int MaxLevel = 64;
    private const int SnodLevel = -2;

    public static List<(string Name, ulong Address)> Read(Hdf5Buffer buffer, ulong btree, ulong heap, string path)
    {
        var names = LocalHeap(buffer, heap, path);
        var result = new List<(string, ulong)>();
        var visited = new HashSet<ulong>();
        // Level = the level a B-tree node must have there (-1 at the root: any), or SnodLevel for a symbol-table node.
        var pending = new Stack<(ulong Address, int Level)>();
        pending.Push((btree, -1));
        while (pending.Count > 0)
        {
            var (address, expectedLevel) = pending.Pop();
            if (!visited.Add(address)) throw buffer.Error($"group '{path}': its B-tree visits node {address} twice (cycle)");
            long pos = buffer.Position(address, 8, $"B-tree of group '{path}'");
            if (expectedLevel == SnodLevel)
            {
                ReadSnod(buffer, pos, names, result, path);
                continue;
            }
            var c = buffer.Cursor(pos, buffer.Length, $"B-tree node of group '{path}'");
            c.Expect("TREE"u8, "TREE");
            if (c.U8() != 0) throw buffer.Error($"group '{path}': B-tree node at {address} is not a group node");
            int level = c.U8();
            if (level > MaxLevel || (expectedLevel >= 0 && level != expectedLevel))
                throw buffer.Error($"group '{path}': B-tree node at {address} has level {level}, expected {(expectedLevel >= 0 ? expectedLevel : "at most " + MaxLevel)}");
            int entries = c.U16();
            c.Address();
            c.Address();
            for (int i = 0; i < entries; i++)
            {
                c.Length();   // key: heap offset of a name bound, not needed for a full listing
                pending.Push((c.Address(), level == 0 ? SnodLevel : level - 1));
            }
        }
        return result;
    }

    private static void ReadSnod(Hdf5Buffer buffer, long pos, Func<ulong, string> names, List<(string, ulong)> result, string path)
    {
        var c = buffer.Cursor(pos, buffer.Length, $"symbol-table node of group '{path}'");
        c.Expect("SNOD"u8, "SNOD");
        c.U8();   // version
        c.U8();
        int count = c.U16();
        for (int i = 0; i < count; i++)
        {
            ulong nameOffset = c.Length();
            ulong header = c.Address();
            c.Skip(4 + 4 + 16);   // cache type, reserved, scratch pad
            result.Add((names(nameOffset), header));
        }
    }

    // The local heap's data segment; names are NUL-terminated strings at the offsets the entries give.
    private static Func<ulong, string> LocalHeap(Hdf5Buffer buffer, ulong heap, string path)
    {
        long pos = buffer.Position(heap, 8, $"local heap of group '{path}'");
        var c = buffer.Cursor(pos, buffer.Length, $"local heap of group '{path}'");
        c.Expect("HEAP"u8, "HEAP");
        c.Skip(4);
        ulong size = c.Length();
        c.Length();   // free list
        ulong dataAddress = c.Address();
        if (size > (ulong)buffer.Length) throw buffer.Error($"local heap of group '{path}': data size {size} exceeds the file");
        long dataPos = buffer.Position(dataAddress, (long)size, $"local heap data of group '{path}'");
        var data = buffer.Data.AsMemory((int)dataPos, (int)size);
        return offset =>
        {
            if (offset >= size) throw buffer.Error($"group '{path}': a link name offset {offset} lies outside its local heap ({size} bytes)");
            var span = data.Span[(int)offset..];
            int end = span.IndexOf((byte)0);
            if (end < 0) throw buffer.Error($"group '{path}': a link name at heap offset {offset} is not NUL-terminated");
            return System.Text.Encoding.UTF8.GetString(span[..end]);
        };
    }
}
