using System.IO.Compression;

namespace Recur.Saving.Hdf5;

/// <summary>
/// Gathers a dataset's bytes from its layout: compact, contiguous, or chunked (v1 B-tree type 1) with the deflate,
/// shuffle and fletcher32 filters. Sizes are checked against the file before anything is allocated.
/// </summary>
internal static class Hdf5DataReader
{
    // Deflate cannot expand data by more than about 1032:1, so no genuine file decodes to more than this many bytes per file byte.
    private const long MaxExpansion = 1040;

    public static byte[] Read(Hdf5File file, Hdf5Dataset ds)
    {
        var buffer = file.Buffer;
        string what = $"dataset '{ds.Path}'";
        int size = ds.Type.Size;
        long cap = ds.Layout is Hdf5Layout.Chunked ? Math.Min(buffer.Length * MaxExpansion, Array.MaxLength) : buffer.Length;
        long count = Hdf5Dataspace.Count(ds.Shape, cap / size + 1, buffer, what);
        long total = count * size;
        if (total > cap) throw buffer.Error($"{what}: {total} bytes of data cannot fit in a {buffer.Length}-byte file");
        switch (ds.Layout)
        {
            case Hdf5Layout.Compact(var pos, var length):
                if (length < total) throw buffer.Error($"{what}: compact data holds {length} bytes; the shape needs {total}");
                return buffer.Span(pos, total, what).ToArray();
            case Hdf5Layout.Contiguous(var address, var length):
                if (address == Hdf5Buffer.Undefined || total == 0) return new byte[total];   // never written: the fill value (zeros)
                if (length < (ulong)total) throw buffer.Error($"{what}: contiguous storage holds {length} bytes; the shape needs {total}");
                return buffer.Span(buffer.Position(address, total, what), total, what).ToArray();
            case Hdf5Layout.Chunked chunked:
                return ReadChunked(buffer, ds, chunked, total, what);
            default:
                throw buffer.Error($"{what}: unknown layout");
        }
    }

    private static byte[] ReadChunked(Hdf5Buffer buffer, Hdf5Dataset ds, Hdf5Layout.Chunked layout, long total, string what)
    {
        int rank = ds.Shape.Length;
        if (layout.ChunkDims.Length != rank) throw buffer.Error($"{what}: chunks have rank {layout.ChunkDims.Length}; the dataset has rank {rank}");
        var result = new byte[total];
        if (total == 0 || layout.BTreeAddress == Hdf5Buffer.Undefined) return result;
        int size = ds.Type.Size;
        long chunkElements = Hdf5Dataspace.Count(layout.ChunkDims, int.MaxValue / size, buffer, what);
        int chunkBytes = (int)(chunkElements * size);
        // A genuine tree holds at most one chunk per grid cell; more means a corrupt file trying to make us decode forever.
        long maxChunks = 1;
        for (int d = 0; d < rank; d++) maxChunks = Math.Min(maxChunks * ((ds.Shape[d] + layout.ChunkDims[d] - 1) / layout.ChunkDims[d]), int.MaxValue);
        long chunks = 0;
        var visited = new HashSet<ulong>();
        var pending = new Stack<(ulong Address, int Level)>();
        pending.Push((layout.BTreeAddress, -1));
        while (pending.Count > 0)
        {
            var (address, expected) = pending.Pop();
            if (!visited.Add(address)) throw buffer.Error($"{what}: the chunk B-tree visits node {address} twice (cycle)");
            var c = buffer.Cursor(buffer.Position(address, 8, what), buffer.Length, $"chunk B-tree of {what}");
            c.Expect("TREE"u8, "TREE");
            if (c.U8() != 1) throw buffer.Error($"{what}: chunk B-tree node at {address} is not a chunk node");
            int level = c.U8();
            if (level > 64 || (expected >= 0 && level != expected)) throw buffer.Error($"{what}: chunk B-tree node at {address} has an invalid level {level}");
            int entries = c.U16();
            c.Address();
            c.Address();
            for (int i = 0; i < entries; i++)
            {
                uint stored = c.U32();
                uint mask = c.U32();
                var offsets = new long[rank];
                for (int d = 0; d < rank; d++) offsets[d] = (long)Math.Min(c.U64(), long.MaxValue);
                c.U64();   // offset in the element-size dimension, always 0
                ulong child = c.Address();
                if (level > 0) pending.Push((child, level - 1));
                else
                {
                    if (++chunks > maxChunks) throw buffer.Error($"{what}: the chunk B-tree lists more chunks than the dataset has ({maxChunks})");
                    var raw = buffer.Span(buffer.Position(child, stored, what), stored, $"chunk of {what}");
                    var chunk = Unfilter(buffer, raw, ds.Filters, mask, size, chunkBytes, what);
                    Place(chunk, result, ds.Shape, layout.ChunkDims, offsets, size, buffer, what);
                }
            }
        }
        return result;
    }

    // Filters run in reverse pipeline order on read; a set bit in the chunk's mask means that filter was skipped.
    private static byte[] Unfilter(Hdf5Buffer buffer, ReadOnlySpan<byte> raw, IReadOnlyList<Hdf5Filter> filters, uint mask, int size, int chunkBytes, string what)
    {
        byte[] data = raw.ToArray();
        for (int i = filters.Count - 1; i >= 0; i--)
        {
            if ((mask & (1u << i)) != 0) continue;
            data = filters[i].Id switch
            {
                1 => Inflate(buffer, data, chunkBytes, what),
                2 => Unshuffle(data, size),
                3 => data.Length >= 4 ? data[..^4] : throw buffer.Error($"{what}: a fletcher32 chunk is shorter than its checksum"),
                var id => throw buffer.Error($"{what}: filter {id} is not supported (only deflate, shuffle and fletcher32)"),
            };
        }
        if (data.Length < chunkBytes) throw buffer.Error($"{what}: a chunk decodes to {data.Length} bytes; expected {chunkBytes}");
        return data;
    }

    private static byte[] Inflate(Hdf5Buffer buffer, byte[] data, int chunkBytes, string what)
    {
        try
        {
            using var z = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            var output = new byte[chunkBytes];
            int read = 0;
            while (read < chunkBytes)
            {
                int n = z.Read(output, read, chunkBytes - read);
                if (n == 0) break;
                read += n;
            }
            return read == chunkBytes ? output : output[..read];
        }
        catch (InvalidDataException e)
        {
            throw new Hdf5FormatException($"HDF5 file '{buffer.Source}': {what}: a deflate chunk is corrupt ({e.Message}).", e);
        }
    }

    private static byte[] Unshuffle(byte[] data, int size)
    {
        if (size <= 1) return data;
        int n = data.Length / size;
        var result = (byte[])data.Clone();   // trailing bytes that do not fill an element stay where they are
        for (int b = 0; b < size; b++)
            for (int i = 0; i < n; i++) result[i * size + b] = data[b * n + i];
        return result;
    }

    // Copies the part of a chunk that lies inside the dataset (edge chunks overhang it) into the row-major result.
    private static void Place(byte[] chunk, byte[] result, long[] shape, long[] chunkDims, long[] offsets, int size, Hdf5Buffer buffer, string what)
    {
        int rank = shape.Length;
        for (int d = 0; d < rank; d++)
            if (offsets[d] >= shape[d] || offsets[d] % chunkDims[d] != 0) throw buffer.Error($"{what}: a chunk offset [{string.Join(", ", offsets)}] is invalid");
        if (rank == 0)
        {
            chunk.AsSpan(0, size).CopyTo(result);
            return;
        }
        long rowLength = Math.Min(chunkDims[^1], shape[^1] - offsets[^1]);
        var index = new long[rank - 1];
        while (true)
        {
            long src = 0, dst = 0;
            for (int d = 0; d < rank - 1; d++)
            {
                src = src * chunkDims[d] + index[d];
                dst = dst * shape[d] + offsets[d] + index[d];
            }
            src = src * chunkDims[^1];
            dst = dst * shape[^1] + offsets[^1];
            chunk.AsSpan((int)(src * size), (int)(rowLength * size)).CopyTo(result.AsSpan((int)(dst * size)));
            int k = rank - 2;
            for (; k >= 0; k--)
            {
                if (++index[k] < Math.Min(chunkDims[k], shape[k] - offsets[k])) break;
                index[k] = 0;
            }
            if (k < 0) return;
        }
    }
}
