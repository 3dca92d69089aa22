namespace Recur.Saving.Hdf5;

/// <summary>A group or dataset with its attributes.</summary>
internal abstract class Hdf5Node(string path, IReadOnlyDictionary<string, Hdf5Attribute> attributes)
{
    /// <summary>The path of the first link through which the reader reached the object (<c>/model_weights/dense</c>).</summary>
    public string Path { get; } = path;

    public string Name => Path.Length <= 1 ? "/" : Path[(Path.LastIndexOf('/') + 1)..];

    public IReadOnlyDictionary<string, Hdf5Attribute> Attributes { get; } = attributes;

    public Hdf5Attribute? Attribute(string name) => Attributes.TryGetValue(name, out var a) ? a : null;
}

/// <summary>A group: named links to other objects, in byte-wise name order (as HDF5 iterates them).</summary>
internal sealed class Hdf5Group(string path, IReadOnlyDictionary<string, Hdf5Attribute> attributes) : Hdf5Node(path, attributes)
{
    private readonly SortedDictionary<string, Hdf5Node> _children = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _children.Keys;

    public IEnumerable<Hdf5Node> Children => _children.Values;

    internal void Add(string name, Hdf5Node node) => _children.TryAdd(name, node);

    public Hdf5Node? Child(string name) => _children.TryGetValue(name, out var n) ? n : null;

    /// <summary>The object at a relative path (<c>a/b/c</c>), or null when any step is missing.</summary>
    public Hdf5Node? Find(string path)
    {
        Hdf5Node? node = this;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node is Hdf5Group g ? g.Child(part) : null;
        return node;
    }

    public Hdf5Group? Group(string path) => Find(path) as Hdf5Group;

    public Hdf5Dataset? Dataset(string path) => Find(path) as Hdf5Dataset;
}
