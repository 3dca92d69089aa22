using System.Buffers.Binary;
using System.Text;

namespace Recur.Saving.Hdf5;

/// <summary>
/// Writes a tree of groups, float32/int64 datasets and string/number attributes as h5py does with its default
/// <c>libver="earliest"</c> (spec §3.3): superblock v0, v1 object headers, symbol-table groups with one B-tree node and one
/// symbol-table node each (the leaf K is made large enough), contiguous datasets, vlen UTF-8 strings in global heaps.
/// Attribute values: <see cref="string"/>, <see cref="string"/>[], <see cref="long"/>, <see cref="long"/>[],
/// <see cref="double"/>, <see cref="double"/>[].
/// </summary>
internal sealed class Hdf5Writer
{
    private const int InternalK = 16;
    private const int SuperblockSize = 96;
    private const ulong Undefined = ulong.MaxValue;

    private static readonly byte[] Float32Type = [0x11, 0x20, 0x1F, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x17, 0x08, 0x00, 0x17, 0x7F, 0x00, 0x00, 0x00];
    private static readonly byte[] Float64Type = [0x11, 0x20, 0x3F, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x34, 0x0B, 0x00, 0x34, 0xFF, 0x03, 0x00, 0x00];
    private static readonly byte[] Int64Type = [0x10, 0x08, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00];
    // Variable-length UTF-8 string (class 9, type string, charset 1) over a 1-byte unsigned integer, as h5py 3 writes str.
    private static readonly byte[] VlenStringType =
        [0x19, 0x01, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00];
    private static readonly byte[] FillValue = [0x02, 0x02, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00];

    private readonly MemoryStream _out = new();
    private readonly int _leafK;
    private readonly Dictionary<string, (ulong Collection, uint Index)> _strings = new(StringComparer.Ordinal);

    private Hdf5Writer(Hdf5WriteGroup root)
    {
        _leafK = Math.Max(4, (MaxChildren(root) + 1) / 2);
        if (_leafK > ushort.MaxValue) throw new ArgumentException("HDF5 writer: a group has too many children.");
    }

    /// <summary>The bytes of an HDF5 file holding <paramref name="root"/>.</summary>
    public static byte[] Write(Hdf5WriteGroup root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var w = new Hdf5Writer(root);
        w._out.Write(new byte[SuperblockSize]);
        w.WriteGlobalHeaps(root);
        var (header, btree, heap) = w.WriteGroup(root);
        w.WriteSuperblock(header, btree, heap);
        return w._out.ToArray();
    }

    private static int MaxChildren(Hdf5WriteGroup g) =>
        Math.Max(g.Children.Count, g.Children.Values.OfType<Hdf5WriteGroup>().Select(MaxChildren).DefaultIfEmpty(0).Max());

    private ulong Pos => (ulong)_out.Position;

    private void Align8()
    {
        while (_out.Position % 8 != 0) _out.WriteByte(0);
    }

    private void WriteSuperblock(ulong rootHeader, ulong btree, ulong heap)
    {
        ulong eof = Pos;
        var b = new byte[SuperblockSize];
        ReadOnlySpan<byte> signature = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(b);
        // Versions (superblock, free space, root entry, reserved, shared header) are 0; then O = L = 8.
        b[13] = 8;
        b[14] = 8;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), (ushort)_leafK);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), InternalK);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(24), 0);          // base address
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(32), Undefined);  // free-space info
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(40), eof);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(48), Undefined);  // driver info
        WriteSymbolEntry(b.AsSpan(56), 0, rootHeader, btree, heap);
        _out.Position = 0;
        _out.Write(b);
        _out.Position = (long)eof;
    }

    private static void WriteSymbolEntry(Span<byte> e, ulong nameOffset, ulong header, ulong btree, ulong heap)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(e, nameOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(e[8..], header);
        bool group = btree != Undefined;
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], group ? 1u : 0u);   // cache type 1 = group with its scratch pad
        if (group)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(e[24..], btree);
            BinaryPrimitives.WriteUInt64LittleEndian(e[32..], heap);
        }
    }

    // Every distinct string is stored once; collections hold at most ~64 K objects (16-bit indices) and ≥ 4 KiB each.
    private void WriteGlobalHeaps(Hdf5WriteGroup root)
    {
        var all = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Collect(SortedDictionary<string, object> attributes)
        {
            foreach (var v in attributes.Values)
                foreach (var s in v switch { string one => [one], string[] many => many, _ => Array.Empty<string>() })
                    if (seen.Add(s)) all.Add(s);
        }
        void Walk(Hdf5WriteGroup g)
        {
            Collect(g.Attributes);
            foreach (var c in g.Children.Values)
                if (c is Hdf5WriteGroup sub) Walk(sub);
                else Collect(((Hdf5WriteDataset)c).Attributes);
        }
        Walk(root);
        for (int start = 0; start < all.Count; start += 60000)
        {
            var batch = all.Skip(start).Take(60000).ToList();
            long objects = batch.Sum(s => 16L + (Encoding.UTF8.GetByteCount(s) + 7) / 8 * 8);
            long size = Math.Max(4096, 16 + objects + 16);
            ulong address = Pos;
            var header = new byte[16];
            "GCOL"u8.CopyTo(header);
            header[4] = 1;
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), (ulong)size);
            _out.Write(header);
            for (int i = 0; i < batch.Count; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(batch[i]);
                var h = new byte[16];
                BinaryPrimitives.WriteUInt16LittleEndian(h, (ushort)(i + 1));
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), 1);
                BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(8), (ulong)bytes.Length);
                _out.Write(h);
                _out.Write(bytes);
                Align8();
                _strings[batch[i]] = (address, (uint)(i + 1));
            }
            // The free-space object (index 0) covers the rest of the collection, its own header included.
            var free = new byte[16];
            BinaryPrimitives.WriteUInt64LittleEndian(free.AsSpan(8), (ulong)(size - 16 - objects));
            _out.Write(free);
            _out.Write(new byte[size - 16 - objects - 16]);
        }
    }

    // Children first (their header addresses go into this group's symbol-table node), then heap, node, B-tree, header.
    private (ulong Header, ulong BTree, ulong Heap) WriteGroup(Hdf5WriteGroup g)
    {
        var entries = new List<(string Name, ulong Header, ulong BTree, ulong Heap)>();
        foreach (var (name, child) in g.Children)
        {
            if (child is Hdf5WriteGroup sub)
            {
                var (h, b, hp) = WriteGroup(sub);
                entries.Add((name, h, b, hp));
            }
            else entries.Add((name, WriteDataset((Hdf5WriteDataset)child), Undefined, Undefined));
        }

        // Local heap: "" at offset 0, then each name NUL-terminated and padded to 8 bytes.
        var heapData = new MemoryStream();
        heapData.Write(new byte[8]);
        var offsets = new List<ulong>();
        foreach (var e in entries)
        {
            offsets.Add((ulong)heapData.Position);
            heapData.Write(Encoding.UTF8.GetBytes(e.Name));
            heapData.WriteByte(0);
            while (heapData.Position % 8 != 0) heapData.WriteByte(0);
        }
        Align8();
        ulong heap = Pos;
        var heapHeader = new byte[32];
        "HEAP"u8.CopyTo(heapHeader);
        BinaryPrimitives.WriteUInt64LittleEndian(heapHeader.AsSpan(8), (ulong)heapData.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(heapHeader.AsSpan(16), 1);   // no free block
        BinaryPrimitives.WriteUInt64LittleEndian(heapHeader.AsSpan(24), heap + 32);
        _out.Write(heapHeader);
        heapData.WriteTo(_out);

        // One symbol-table node at full capacity (libhdf5 reads 2K entries), entries sorted by name.
        ulong snod = Pos;
        var node = new byte[8 + 2 * _leafK * 40];
        "SNOD"u8.CopyTo(node);
        node[4] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(node.AsSpan(6), (ushort)entries.Count);
        for (int i = 0; i < entries.Count; i++)
            WriteSymbolEntry(node.AsSpan(8 + 40 * i), offsets[i], entries[i].Header, entries[i].BTree, entries[i].Heap);
        _out.Write(node);

        // A level-0 B-tree node with one child; key 1 = heap offset of the largest name (libhdf5 binary-searches keys).
        ulong btree = Pos;
        var tree = new byte[24 + (2 * InternalK + 1) * 8 + 2 * InternalK * 8];
        "TREE"u8.CopyTo(tree);
        BinaryPrimitives.WriteUInt16LittleEndian(tree.AsSpan(6), entries.Count == 0 ? (ushort)0 : (ushort)1);
        BinaryPrimitives.WriteUInt64LittleEndian(tree.AsSpan(8), Undefined);
        BinaryPrimitives.WriteUInt64LittleEndian(tree.AsSpan(16), Undefined);
        if (entries.Count > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(tree.AsSpan(24), 0);
            BinaryPrimitives.WriteUInt64LittleEndian(tree.AsSpan(32), snod);
            BinaryPrimitives.WriteUInt64LittleEndian(tree.AsSpan(40), offsets[^1]);
        }
        _out.Write(tree);

        var messages = new List<(int Type, byte Flags, byte[] Body)>();
        var stab = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(stab, btree);
        BinaryPrimitives.WriteUInt64LittleEndian(stab.AsSpan(8), heap);
        messages.Add((0x11, 0, stab));
        messages.AddRange(g.Attributes.Select(a => (0x0C, (byte)0, Attribute(a.Key, a.Value))));
        return (WriteHeader(messages), btree, heap);
    }

    private ulong WriteDataset(Hdf5WriteDataset d)
    {
        byte[] raw;
        if (d.Floats is { } f)
        {
            raw = new byte[f.Length * 4];
            for (int i = 0; i < f.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(4 * i), f[i]);
        }
        else
        {
            var l = d.Longs!;
            raw = new byte[l.Length * 8];
            for (int i = 0; i < l.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(8 * i), l[i]);
        }
        Align8();
        ulong data = raw.Length == 0 ? Undefined : Pos;
        _out.Write(raw);
        var layout = new byte[24];
        layout[0] = 3;
        layout[1] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(layout.AsSpan(2), data);
        BinaryPrimitives.WriteUInt64LittleEndian(layout.AsSpan(10), (ulong)raw.Length);
        var messages = new List<(int, byte, byte[])>
        {
            (0x01, 0, Dataspace(d.Shape.Select(x => (long)x).ToArray(), withMax: true)),
            (0x03, 1, d.Floats is not null ? Float32Type : Int64Type),
            (0x05, 1, FillValue),
            (0x08, 0, layout),
        };
        messages.AddRange(d.Attributes.Select(a => (0x0C, (byte)0, Attribute(a.Key, a.Value))));
        return WriteHeader(messages);
    }

    private ulong WriteHeader(List<(int Type, byte Flags, byte[] Body)> messages)
    {
        Align8();
        ulong address = Pos;
        int size = messages.Sum(m => 8 + Pad8(m.Body.Length));
        var prefix = new byte[16];
        prefix[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(2), (ushort)messages.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), (uint)size);
        _out.Write(prefix);
        foreach (var (type, flags, body) in messages)
        {
            if (body.Length > ushort.MaxValue - 8)
                throw new ArgumentException($"HDF5 writer: a header message of {body.Length} bytes exceeds the 64 KiB limit; store long values as variable-length strings.");
            var h = new byte[8];
            BinaryPrimitives.WriteUInt16LittleEndian(h, (ushort)type);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), (ushort)Pad8(body.Length));
            h[4] = flags;
            _out.Write(h);
            _out.Write(body);
            _out.Write(new byte[Pad8(body.Length) - body.Length]);
        }
        return address;
    }

    private static int Pad8(int n) => (n + 7) / 8 * 8;

    private static byte[] Dataspace(long[] dims, bool withMax)
    {
        var b = new byte[8 + dims.Length * 8 * (withMax ? 2 : 1)];
        b[0] = 1;
        b[1] = (byte)dims.Length;
        b[2] = withMax && dims.Length > 0 ? (byte)1 : (byte)0;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8 + 8 * i), (ulong)dims[i]);
            if (withMax) BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8 + 8 * (dims.Length + i)), (ulong)dims[i]);
        }
        return withMax && dims.Length == 0 ? b[..8] : b;
    }

    // Attribute message v1: name, datatype and dataspace each padded to 8 bytes, then the values.
    private byte[] Attribute(string name, object value)
    {
        byte[] type;
        long[] shape;
        byte[] data;
        switch (value)
        {
            case string s:
                (type, shape, data) = (VlenStringType, [], StringRefs([s]));
                break;
            case string[] list:
                (type, shape, data) = (VlenStringType, [list.Length], StringRefs(list));
                break;
            case long l:
                (type, shape, data) = (Int64Type, [], BitConverter.GetBytes(l));
                break;
            case long[] ls:
                (type, shape, data) = (Int64Type, [ls.Length], ls.SelectMany(BitConverter.GetBytes).ToArray());
                break;
            case double v:
                (type, shape, data) = (Float64Type, [], BitConverter.GetBytes(v));
                break;
            case double[] vs:
                (type, shape, data) = (Float64Type, [vs.Length], vs.SelectMany(BitConverter.GetBytes).ToArray());
                break;
            default:
                throw new ArgumentException($"HDF5 writer: attribute '{name}' has unsupported type {value?.GetType().Name ?? "null"}.");
        }
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var space = Dataspace(shape, withMax: false);
        var ms = new MemoryStream();
        var head = new byte[8];
        head[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(4), (ushort)type.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)space.Length);
        ms.Write(head);
        foreach (var part in new[] { nameBytes, type, space })
        {
            ms.Write(part);
            ms.Write(new byte[Pad8(part.Length) - part.Length]);
        }
        ms.Write(data);
        return ms.ToArray();
    }

    private byte[] StringRefs(IReadOnlyList<string> strings)
    {
        var b = new byte[16 * strings.Count];
        for (int i = 0; i < strings.Count; i++)
        {
            var (collection, index) = _strings[strings[i]];
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16 * i), (uint)Encoding.UTF8.GetByteCount(strings[i]));
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16 * i + 4), collection);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16 * i + 12), index);
        }
        return b;
    }
}
