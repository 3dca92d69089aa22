namespace Recur.Saving.Hdf5;

/// <summary>
/// A decoded attribute: strings (fixed or variable length) become <see cref="string"/>[], integers <see cref="long"/>[],
/// floats <see cref="double"/>[]; an unsupported type keeps a null <see cref="Values"/> and fails only when read.
/// </summary>
internal sealed class Hdf5Attribute(string name, Hdf5Type type, long[] shape, Array? values)
{
    public string Name { get; } = name;

    public Hdf5Type Type { get; } = type;

    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; } = shape;

    public Array? Values { get; } = values;

    public bool IsScalar => Shape.Length == 0;

    /// <summary>The string of a scalar (or one-element) string attribute.</summary>
    public string AsString()
    {
        if (Values is string[] { Length: 1 } s) return s[0];
        throw new Hdf5FormatException($"HDF5 attribute '{Name}': expected one string; found {Describe()}.");
    }

    /// <summary>The strings of a string-array attribute; an empty array of any type (Keras writes float64[0]) is an empty list.</summary>
    public IReadOnlyList<string> AsStrings()
    {
        if (Values is string[] s) return s;
        if (Values is { Length: 0 }) return [];
        throw new Hdf5FormatException($"HDF5 attribute '{Name}': expected a list of strings; found {Describe()}.");
    }

    private string Describe() => $"{Type} with shape [{string.Join(", ", Shape)}]";

    public override string ToString() => $"{Name}: {Describe()}";
}
