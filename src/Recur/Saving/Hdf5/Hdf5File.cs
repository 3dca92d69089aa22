namespace Recur.Saving.Hdf5;

/// <summary>
/// A read-only HDF5 file held in memory, parsed into a tree of <see cref="Hdf5Group"/>s and <see cref="Hdf5Dataset"/>s
/// (the subset Keras files use: spec §3). Every group and dataset header is parsed once, so shared or cyclic links
/// cannot multiply the work.
/// </summary>
internal sealed class Hdf5File
{
    private static readonly byte[] Signature = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A];

    private const int MaxDepth = 256;

    private readonly Dictionary<ulong, Hdf5Node> _objects = [];
    private readonly HashSet<ulong> _inProgress = [];
    private readonly Dictionary<ulong, Dictionary<uint, (long Pos, long Size)>> _globalHeaps = [];

    private Hdf5File(byte[] data, string source)
    {
        Buffer = new Hdf5Buffer(data, source);
        Root = ReadSuperblockAndRoot();
    }

    internal Hdf5Buffer Buffer { get; }

    public string Source => Buffer.Source;

    public Hdf5Group Root { get; }

    /// <summary>True when <paramref name="head"/> starts with the HDF5 signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    /// <summary>Parses a whole file; <paramref name="source"/> names it in error messages.</summary>
    public static Hdf5File Open(byte[] data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return new Hdf5File(data, source);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or IndexOutOfRangeException or ArgumentException and not Hdf5FormatException)
        {
            // Arithmetic on corrupt fields that slipped past a check still reports as a format error, never a crash.
            throw new Hdf5FormatException($"HDF5 file '{source}': corrupt structure ({e.Message}).", e);
        }
    }

    public static Hdf5File Open(string path) => Open(File.ReadAllBytes(path), path);

    private Hdf5Group ReadSuperblockAndRoot()
    {
        var b = Buffer;
        if (b.Length < 8 || !HasSignature(b.Data)) throw b.Error("not an HDF5 file (no signature at offset 0)");
        var c = b.Cursor(8, b.Length, "superblock");
        byte version = c.U8();
        ulong rootAddress;
        switch (version)
        {
            case 0 or 1:
            {
                c.Skip(4);   // free-space, root symbol table entry, reserved, shared header versions
                SetSizes(c.U8(), c.U8());
                c.Skip(1 + 4 + 4);   // reserved, leaf K, internal K, flags
                if (version == 1) c.Skip(4);
                b.BaseAddress = CheckBase(c.Address());
                c.Address();   // free space
                c.Address();   // end of file
                c.Address();   // driver info
                c.Address();   // root link name offset
                rootAddress = c.Address();
                break;
            }
            case 2 or 3:
            {
                SetSizes(c.U8(), c.U8());
                c.U8();   // flags
                b.BaseAddress = CheckBase(c.Address());
                c.Address();   // superblock extension
                c.Address();   // end of file
                rootAddress = c.Address();
                break;
            }
            default:
                throw b.Error($"superblock version {version} is not supported");
        }
        return ReadObject(rootAddress, "/") as Hdf5Group ?? throw b.Error("the root object is not a group");
    }

    private void SetSizes(int offsetSize, int lengthSize)
    {
        if (offsetSize is not (4 or 8) || lengthSize is not (4 or 8))
            throw Buffer.Error($"superblock declares offset size {offsetSize} and length size {lengthSize}; only 4 or 8 are supported");
        Buffer.OffsetSize = offsetSize;
        Buffer.LengthSize = lengthSize;
    }

    private long CheckBase(ulong address) =>
        address == Hdf5Buffer.Undefined || address >= (ulong)Buffer.Length ? throw Buffer.Error($"base address {address} is invalid") : (long)address;

    // Group or dataset at an object-header address; each header is parsed once, and a group reached again while its
    // own children are being read is a cycle.
    private Hdf5Node ReadObject(ulong address, string path)
    {
        if (_objects.TryGetValue(address, out var known)) return known;
        if (path.Count(ch => ch == '/') > MaxDepth) throw Buffer.Error($"'{path[..Math.Min(path.Length, 200)]}…' is nested more than {MaxDepth} groups deep");
        if (!_inProgress.Add(address)) throw Buffer.Error($"'{path}' links back to one of its own parent groups (cycle)");
        try
        {
            var messages = Hdf5ObjectHeader.Read(Buffer, address, $"'{path}'");
            var attributes = ReadAttributes(messages, path);
            Hdf5Node node;
            if (messages.Any(m => m.Type is 0x11 or 0x06 or 0x02)) node = ReadGroup(messages, path, attributes);
            else if (messages.Any(m => m.Type == 0x08)) node = ReadDataset(messages, path, attributes);
            else node = new Hdf5Group(path, attributes);   // an empty new-style group has no link messages at all
            _objects[address] = node;
            return node;
        }
        finally
        {
            _inProgress.Remove(address);
        }
    }

    private Dictionary<string, Hdf5Attribute> ReadAttributes(List<Hdf5Message> messages, string path)
    {
        var result = new Dictionary<string, Hdf5Attribute>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            if (m.Type == 0x15)
            {
                var c = Body(m, $"attribute info of '{path}'");
                c.U8();
                byte flags = c.U8();
                if ((flags & 1) != 0) c.U16();
                ulong heap = c.Address();
                if (heap != Hdf5Buffer.Undefined)
                    throw Buffer.Error($"'{path}' stores its attributes densely (fractal heap), which this reader does not support");
            }
            if (m.Type != 0x0C) continue;
            var a = Hdf5AttributeMessage.Read(this, Body(m, $"attribute of '{path}'"), path);
            result.TryAdd(a.Name, a);
        }
        return result;
    }

    internal Hdf5Cursor Body(Hdf5Message m, string what) => Buffer.Cursor(m.Position, m.Position + m.Size, what);

    private Hdf5Group ReadGroup(List<Hdf5Message> messages, string path, Dictionary<string, Hdf5Attribute> attributes)
    {
        var group = new Hdf5Group(path, attributes);
        var links = new List<(string Name, ulong Address)>();
        foreach (var m in messages)
        {
            switch (m.Type)
            {
                case 0x11:
                {
                    var c = Body(m, $"symbol table of '{path}'");
                    links.AddRange(Hdf5SymbolTable.Read(Buffer, c.Address(), c.Address(), path));
                    break;
                }
                case 0x06:
                    if (Hdf5Link.Read(Body(m, $"link in '{path}'")) is { } link) links.Add(link);
                    break;
                case 0x02:
                {
                    var c = Body(m, $"link info of '{path}'");
                    c.U8();
                    byte flags = c.U8();
                    if ((flags & 1) != 0) c.U64();
                    if (c.Address() != Hdf5Buffer.Undefined)
                        throw Buffer.Error($"group '{path}' stores its links densely (fractal heap), which this reader does not support");
                    break;
                }
            }
        }
        foreach (var (name, address) in links)
        {
            if (name.Length == 0 || name.Contains('/')) throw Buffer.Error($"group '{path}' has a link with the invalid name '{name}'");
            group.Add(name, ReadObject(address, path == "/" ? "/" + name : $"{path}/{name}"));
        }
        return group;
    }

    private Hdf5Dataset ReadDataset(List<Hdf5Message> messages, string path, Dictionary<string, Hdf5Attribute> attributes)
    {
        long[]? shape = null;
        Hdf5Type? type = null;
        Hdf5Layout? layout = null;
        IReadOnlyList<Hdf5Filter> filters = [];
        foreach (var m in messages)
        {
            switch (m.Type)
            {
                case 0x01: shape = Hdf5Dataspace.Read(Body(m, $"dataspace of '{path}'")) ?? []; break;
                case 0x03:
                    if ((m.Flags & 0x02) != 0) throw Buffer.Error($"dataset '{path}' uses a shared (committed) datatype, which this reader does not support");
                    type = Hdf5Type.Read(Body(m, $"datatype of '{path}'"));
                    break;
                case 0x08: layout = Hdf5Layout.Read(Body(m, $"data layout of '{path}'")); break;
                case 0x0B: filters = Hdf5Filter.ReadPipeline(Body(m, $"filter pipeline of '{path}'")); break;
            }
        }
        if (shape is null || type is null || layout is null)
            throw Buffer.Error($"dataset '{path}' lacks its {(shape is null ? "dataspace" : type is null ? "datatype" : "layout")} message");
        return new Hdf5Dataset(path, attributes, this, shape, type, layout, filters);
    }

    /// <summary>The bytes of one global-heap object (a variable-length string), checked against its declared length.</summary>
    internal ReadOnlySpan<byte> GlobalHeapObject(ulong collection, uint index, uint length, string what)
    {
        if (!_globalHeaps.TryGetValue(collection, out var objects))
        {
            objects = Hdf5GlobalHeap.Read(Buffer, collection, what);
            _globalHeaps[collection] = objects;
        }
        if (!objects.TryGetValue(index, out var o)) throw Buffer.Error($"{what}: global heap collection {collection} has no object {index}");
        if (length > o.Size) throw Buffer.Error($"{what}: string of {length} bytes exceeds its heap object ({o.Size} bytes)");
        return Buffer.Span(o.Pos, length, what);
    }
}
