namespace Recur.Saving.Hdf5;

/// <summary>A group to be written: attributes and named children (groups or datasets), kept in byte-wise name order.</summary>
internal sealed class Hdf5WriteGroup
{
    public SortedDictionary<string, object> Attributes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, object> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The group at a relative path, created with its intermediate groups (as h5py's <c>require_group</c>).</summary>
    public Hdf5WriteGroup Group(string path)
    {
        var g = this;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!g.Children.TryGetValue(part, out var child)) g.Children[part] = child = new Hdf5WriteGroup();
            g = child as Hdf5WriteGroup ?? throw new InvalidOperationException($"HDF5 writer: '{part}' in '{path}' is a dataset, not a group.");
        }
        return g;
    }

    /// <summary>Adds a dataset at a relative path (intermediate groups are created, as h5py does for names with '/').</summary>
    public Hdf5WriteDataset Dataset(string path, Hdf5WriteDataset dataset)
    {
        int slash = path.LastIndexOf('/');
        var parent = slash < 0 ? this : Group(path[..slash]);
        string name = path[(slash + 1)..];
        if (name.Length == 0 || !parent.Children.TryAdd(name, dataset))
            throw new InvalidOperationException($"HDF5 writer: '{path}' already exists or has an empty name.");
        return dataset;
    }
}

/// <summary>A dataset to be written: float32 or int64 values with a shape (empty = scalar).</summary>
internal sealed class Hdf5WriteDataset
{
    private Hdf5WriteDataset(int[] shape, float[]? floats, long[]? longs)
    {
        long n = shape.Aggregate(1L, (a, d) => a * d);
        if (n != (floats?.Length ?? longs!.Length))
            throw new ArgumentException($"HDF5 writer: shape [{string.Join(", ", shape)}] does not match {floats?.Length ?? longs!.Length} values.");
        Shape = shape;
        Floats = floats;
        Longs = longs;
    }

    public int[] Shape { get; }

    public float[]? Floats { get; }

    public long[]? Longs { get; }

    public SortedDictionary<string, object> Attributes { get; } = new(StringComparer.Ordinal);

    public static Hdf5WriteDataset Float32(float[] values, int[] shape) => new(shape, values, null);

    public static Hdf5WriteDataset Int64(long[] values, int[] shape) => new(shape, null, values);
}
