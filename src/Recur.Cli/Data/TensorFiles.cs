namespace Recur.Cli.Data;

/// <summary>Reads and writes tensors as JSON, CSV or .npy, picking the form from the file extension.</summary>
internal static class TensorFiles
{
    /// <summary>The form a path's extension names; anything else is a <see cref="UserInputException"/>.</summary>
    public static TensorFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => TensorFormat.Json,
        ".csv" => TensorFormat.Csv,
        ".npy" => TensorFormat.Npy,
        var other => throw new UserInputException($"{path}: unknown input form '{other}'; use .json, .csv or .npy"),
    };

    /// <summary>Reads the tensor in <paramref name="path"/>; a missing, unreadable or malformed file is a <see cref="UserInputException"/>.</summary>
    public static Tensor Read(string path)
    {
        var format = FormatOf(path);
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        try
        {
            return format switch
            {
                TensorFormat.Json => JsonTensor.Parse(File.ReadAllText(path), path),
                TensorFormat.Csv => CsvTensor.Parse(File.ReadAllLines(path), path),
                _ => NpyTensor.Read(File.ReadAllBytes(path), path),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="tensor"/> in <paramref name="format"/>: text forms to <paramref name="text"/>, .npy to <paramref name="path"/>.</summary>
    public static void Write(Tensor tensor, TensorFormat format, TextWriter text, string? path)
    {
        switch (format)
        {
            case TensorFormat.Npy:
                File.WriteAllBytes(path ?? throw new ArgumentNullException(nameof(path)), NpyTensor.ToBytes(tensor));
                break;
            case TensorFormat.Json when path is null:
                text.WriteLine(JsonTensor.Format(tensor));
                break;
            case TensorFormat.Json:
                File.WriteAllText(path, JsonTensor.Format(tensor) + "\n");
                break;
            case TensorFormat.Csv when path is null:
                text.Write(CsvTensor.Format(tensor));
                break;
            default:
                File.WriteAllText(path!, CsvTensor.Format(tensor));
                break;
        }
    }
}
