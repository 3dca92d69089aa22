using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Recur.Cli.Data;

/// <summary>
/// NumPy's <c>.npy</c> format (versions 1–3): a magic string, a Python-dict header naming dtype, order and shape, then the
/// raw values. Reads little-endian float32/float64, int8–int64, uint8 and bool in C order as float32; writes float32.
/// </summary>
internal static partial class NpyTensor
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Parses a whole .npy file; errors name <paramref name="source"/> and what is wrong.</summary>
    public static Tensor Read(byte[] bytes, string source)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic)) throw new UserInputException($"{source}: not a .npy file (no \\x93NUMPY magic)");
        int major = bytes[6];
        int headerLength, start;
        if (major == 1) (headerLength, start) = (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10);
        else if (major is 2 or 3 && bytes.Length >= 12) (headerLength, start) = ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        else throw new UserInputException($"{source}: unsupported .npy version {major}");
        if (start + headerLength > bytes.Length) throw new UserInputException($"{source}: truncated .npy header");
        var header = Encoding.Latin1.GetString(bytes, start, headerLength);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success) throw new UserInputException($"{source}: malformed .npy header: {header.Trim()}");
        if (order.Groups[1].Value == "True") throw new UserInputException($"{source}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        var shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        var (size, convert) = Reader(descr.Groups[1].Value, source);
        int offset = start + headerLength;
        if (bytes.Length - offset < count * size)
            throw new UserInputException($"{source}: truncated data: shape ({string.Join(", ", shape)}) needs {count * size} bytes, found {bytes.Length - offset}");
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = convert(bytes.AsSpan(offset + (int)(i * size), size));
        return new Tensor(values, shape);
    }

    /// <summary>A version 1.0 .npy file of little-endian float32 values in C order.</summary>
    public static byte[] ToBytes(Tensor tensor)
    {
        var shape = tensor.Shape;
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // Pad with spaces so the data starts on a 64-byte boundary, ending the header with '\n' as NumPy does.
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        var bytes = new byte[10 + header.Length + tensor.Size * 4];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(10));
        var data = tensor.AsReadOnlySpan();
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(10 + header.Length + i * 4), data[i]);
        return bytes;
    }

    private delegate float Convert(ReadOnlySpan<byte> value);

    private static (int Size, Convert Convert) Reader(string descr, string source) => descr switch
    {
        "<f4" => (4, BinaryPrimitives.ReadSingleLittleEndian),
        "<f8" => (8, b => (float)BinaryPrimitives.ReadDoubleLittleEndian(b)),
        "<i8" => (8, b => BinaryPrimitives.ReadInt64LittleEndian(b)),
        "<i4" => (4, b => BinaryPrimitives.ReadInt32LittleEndian(b)),
        "<i2" => (2, b => BinaryPrimitives.ReadInt16LittleEndian(b)),
        "|i1" => (1, b => (sbyte)b[0]),
        "|u1" or "|b1" => (1, b => b[0]),
        _ => throw new UserInputException($"{source}: unsupported dtype '{descr}'; use float32, float64, int8–int64, uint8 or bool (little-endian)"),
    };

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
