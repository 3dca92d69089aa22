using System.IO.Compression;
using System.Text;
using Recur.Layers;

namespace Recur.Saving;

/// <summary>The <c>.keras</c> zip container (spec §1.1): read its members with a size guard, or write one with STORED entries.</summary>
internal static class KerasArchive
{
    public const string Config = "config.json";
    public const string Metadata = "metadata.json";
    public const string Weights = "model.weights.h5";

    /// <summary>True when <paramref name="head"/> starts with a zip local-file signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> head) => head.StartsWith("PK\x03\x04"u8);

    /// <summary>The members Keras reads (null when absent); corrupt archives raise a <see cref="KerasFormatException"/> naming the file.</summary>
    public static Dictionary<string, byte[]> Read(byte[] data, string source)
    {
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName is not (Config or Metadata or Weights or "model.weights.npz")) continue;
                // A member cannot honestly expand beyond what deflate allows from the bytes the archive has.
                long cap = Math.Min((long)data.Length * 1040 + 1024, Array.MaxLength);
                if (entry.Length > cap)
                    throw new KerasFormatException($"'{source}': zip member '{entry.FullName}' declares {entry.Length} bytes, more than the archive can hold.");
                using var s = entry.Open();
                var buffer = new byte[entry.Length];
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = s.Read(buffer, read, buffer.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                if (read != buffer.Length)
                    throw new KerasFormatException($"'{source}': zip member '{entry.FullName}' is truncated ({read} of {entry.Length} bytes).");
                members[entry.FullName] = buffer;
            }
        }
        catch (InvalidDataException e)
        {
            throw new KerasFormatException($"'{source}': corrupt zip archive ({e.Message}).", e);
        }
        return members;
    }

    /// <summary>A Keras 3 archive: metadata, config, weights, in that order, STORED as Python's zipfile writes them.</summary>
    public static void Write(Stream output, string config, string metadata, byte[] weights)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in new[] { (Metadata, Encoding.UTF8.GetBytes(metadata)), (Config, Encoding.UTF8.GetBytes(config)), (Weights, weights) })
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            using var s = entry.Open();
            s.Write(bytes);
        }
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
