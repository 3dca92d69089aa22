namespace Recur.Cli.Data;

/// <summary>The file forms <c>recur predict</c> reads and writes.</summary>
internal enum TensorFormat
{
    /// <summary>Nested JSON arrays of numbers, one level per axis.</summary>
    Json,

    /// <summary>One sample per line, comma-separated numbers; later axes flattened in row-major order.</summary>
    Csv,

    /// <summary>NumPy's binary <c>.npy</c> (C order; float32/float64/int/uint8/bool in, float32 out).</summary>
    Npy,
}
