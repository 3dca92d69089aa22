using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Maps Keras class names to factories for layers, cells, initializers, regularizers and constraints, so that configs
/// deserialize by class name. Built-ins register themselves here in one explicit list; users register their own classes
/// with <see cref="RegisterLayer{T}"/> (Keras: <c>@keras.saving.register_keras_serializable</c>).
/// </summary>
public static class KerasRegistry
{
    private static readonly Dictionary<string, Func<JsonObject, Layer>> Layers = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Func<JsonObject, Initializer>> InitializerFactories = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Func<JsonObject, Regularizer>> RegularizerFactories = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Func<JsonObject, Constraint>> ConstraintFactories = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    static KerasRegistry() => BuiltIns.Register();

    /// <summary>Registers a layer or cell class under its Keras class name, constructed by binding config keys to its constructor.</summary>
    public static void RegisterLayer<T>(string className) where T : Layer =>
        RegisterLayer(className, config => ConfigBinder.Construct<T>(config, className));

    /// <summary>Registers a layer or cell factory under a Keras class name (replacing any previous one).</summary>
    public static void RegisterLayer(string className, Func<JsonObject, Layer> factory)
    {
        lock (Gate) Layers[className] = factory;
    }

    public static void RegisterInitializer(string className, Func<JsonObject, Initializer> factory)
    {
        lock (Gate) InitializerFactories[className] = factory;
    }

    public static void RegisterRegularizer(string className, Func<JsonObject, Regularizer> factory)
    {
        lock (Gate) RegularizerFactories[className] = factory;
    }

    public static void RegisterConstraint(string className, Func<JsonObject, Constraint> factory)
    {
        lock (Gate) ConstraintFactories[className] = factory;
    }

    /// <summary>Registered layer class names, sorted (for error messages).</summary>
    public static IReadOnlyList<string> LayerClassNames
    {
        get { lock (Gate) return Layers.Keys.Order(StringComparer.Ordinal).ToList(); }
    }

    internal static bool TryCreateLayer(string className, JsonObject config, out Layer? layer)
    {
        Func<JsonObject, Layer>? f;
        lock (Gate) Layers.TryGetValue(StripPackage(className), out f);
        layer = f?.Invoke(config);
        return f is not null;
    }

    internal static Func<JsonObject, Initializer>? Initializer(string className) => Lookup(InitializerFactories, className);

    internal static Func<JsonObject, Regularizer>? Regularizer(string className) => Lookup(RegularizerFactories, className);

    internal static Func<JsonObject, Constraint>? Constraint(string className) => Lookup(ConstraintFactories, className);

    private static Func<JsonObject, T>? Lookup<T>(Dictionary<string, Func<JsonObject, T>> d, string className)
    {
        lock (Gate) return d.TryGetValue(StripPackage(className), out var f) ? f : null;
    }

    // Registered custom objects are written "Package>Name" in Keras 3 (registered_name); the bare name also resolves.
    private static string StripPackage(string className) => className.Contains('>') ? className[(className.IndexOf('>') + 1)..] : className;
}
