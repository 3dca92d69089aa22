using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Keras's <c>from_config</c> = <c>cls(**config)</c>: binds each config key to the constructor parameter of the same name
/// in camelCase (<c>return_sequences</c> → <c>returnSequences</c>). Missing keys take the constructor's default, so
/// defaults exist once; unknown keys are rejected as Keras rejects unknown keywords.
/// </summary>
public static class ConfigBinder
{
    /// <summary>Base-layer keywords every layer accepts besides its constructor parameters.</summary>
    private static readonly HashSet<string> BaseKeys =
        ["name", "trainable", "dtype", "input_shape", "batch_input_shape", "batch_size", "input_dim", "input_length", "autocast"];

    /// <summary>Constructs <typeparamref name="T"/> from a config; <paramref name="className"/> names it in errors.</summary>
    public static T Construct<T>(JsonObject config, string className) where T : class => (T)Construct(typeof(T), config, className);

    /// <summary>Constructs <paramref name="type"/> from a config.</summary>
    public static object Construct(Type type, JsonObject config, string className)
    {
        ArgumentNullException.ThrowIfNull(config);
        // A config built in memory holds typed values (JsonValue<int>) that only convert to their own type; the parsed
        // form converts like a file's.
        config = JsonNode.Parse(config.ToJsonString())!.AsObject();
        var ctor = PickConstructor(type);
        var parameters = ctor.GetParameters();
        var byKey = parameters.ToDictionary(p => ToSnakeCase(p.Name!), StringComparer.Ordinal);

        var unknown = config.Select(kv => kv.Key).Where(k => !byKey.ContainsKey(k) && !BaseKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unrecognized keyword arguments passed to {className}: {{{string.Join(", ", unknown.Select(k => $"'{k}'"))}}}.");
        // A class that takes dtype itself (InputLayer, whose integer inputs are fine) checks it; the others compute in float32.
        if (config["dtype"] is { } dtype && !byKey.ContainsKey("dtype")) DTypePolicy.Validate(dtype, className);

        var args = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            string key = ToSnakeCase(p.Name!);
            if (config.TryGetPropertyValue(key, out var node)) args[i] = Convert(node, p.ParameterType, className, key);
            else if (p.HasDefaultValue) args[i] = p.DefaultValue;
            else throw new KerasFormatException($"{className} config is missing '{key}'.");
        }

        object instance;
        try
        {
            instance = ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        if (instance is Layer layer) ApplyBaseKeys(layer, config, className, byKey);
        return instance;
    }

    private static void ApplyBaseKeys(Layer layer, JsonObject config, string className, Dictionary<string, ParameterInfo> byKey)
    {
        if (!byKey.ContainsKey("trainable") && config["trainable"] is JsonValue t && t.TryGetValue(out bool trainable) && !trainable)
            layer.Trainable = false;
        if (config["batch_input_shape"] is JsonArray bis) layer.BatchInputShape = KerasSerializer.ShapeFromJson(bis);
        else if (config["input_shape"] is JsonArray ins)
        {
            int? batch = config["batch_size"] is JsonValue b && b.TryGetValue(out int bs) ? bs : null;
            layer.BatchInputShape = [batch, .. KerasSerializer.ShapeFromJson(ins)];
        }
        else if (byKey.ContainsKey("input_dim"))
        {
            // Embedding's input_dim is its vocabulary size, not a shape; Keras 2 gave its input shape as input_length.
            if (config["input_length"] is JsonValue l && l.TryGetValue(out int len)) layer.BatchInputShape = [null, len];
        }
        else if (config["input_dim"] is JsonValue dim && dim.TryGetValue(out int d))
        {
            int? length = config["input_length"] is JsonValue l && l.TryGetValue(out int len) ? len : null;
            layer.BatchInputShape = layer is IInputDimIsLast ? [null, length, d] : [null, d];
        }
        _ = className;
    }

    private static ConstructorInfo PickConstructor(Type type)
    {
        var ctors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        return ctors.FirstOrDefault(c => c.IsDefined(typeof(KerasConstructorAttribute)))
            ?? ctors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor to bind a config to.");
    }

    /// <summary>Converts one config value to a constructor parameter type.</summary>
    public static object? Convert(JsonNode? node, Type target, string className, string key)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        if (node is null)
        {
            if (target == typeof(ActivationFunction)) return ActivationFunction.Linear;
            if (!target.IsValueType || underlying is not null) return null;
            if (target.IsEnum) return EnumFromKeras(null, target, className, key);
            throw Bad(className, key, $"a {Describe(target)}", node);
        }
        var t = underlying ?? target;
        try
        {
            if (t == typeof(JsonNode) || t == typeof(JsonObject) && node is JsonObject) return node.DeepClone();
            if (t == typeof(bool)) return node.GetValue<bool>();
            if (t == typeof(int)) return ToInt(node, className, key);
            if (t == typeof(long)) return (long)Number(node);
            if (t == typeof(float)) return (float)Number(node);
            if (t == typeof(double)) return Number(node);
            if (t == typeof(string)) return node.GetValue<string>();
            if (t == typeof(object)) return Raw(node);
            if (t.IsEnum) return EnumFromKeras(node.GetValue<string>(), t, className, key);
            if (t == typeof(int[])) return node is JsonArray a ? a.Select(n => ToInt(n, className, key)).ToArray() : new[] { ToInt(node, className, key) };
            if (t == typeof(int?[])) return KerasSerializer.ShapeFromJson((JsonArray)node);
            if (t == typeof(ActivationFunction)) return ActivationFunction.FromConfig(node);
            if (t == typeof(Initializer)) return Initializer.FromConfig(node);
            if (t == typeof(Regularizer)) return Regularizer.FromConfig(node);
            if (t == typeof(Constraint)) return Constraint.FromConfig(node);
            // Lists first: IReadOnlyList<RnnCell> is an interface too, but not a layer interface.
            if (IsListOfLayers(t, out var element))
            {
                if (node is not JsonArray items) throw Bad(className, key, "a list of serialized layers", node);
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element!))!;
                foreach (var item in items) list.Add(LayerOf(item, element!, className, key));
                return t.IsArray ? ToArray(list, element!) : list;
            }
            if (typeof(Layer).IsAssignableFrom(t) || t.IsInterface) return LayerOf(node, t, className, key);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidCastException)
        {
            throw Bad(className, key, $"a {Describe(t)}", node, e);
        }
        throw new NotSupportedException($"{className}: no config conversion for parameter '{key}' of type {t.Name}.");
    }

    private static object LayerOf(JsonNode? node, Type t, string className, string key)
    {
        if (node is not JsonObject)
            throw new ArgumentException(
                $"{className}: '{key}' must be a serialized keras.layers.Layer instance ({{\"class_name\": ..., \"config\": ...}}); received {node?.ToJsonString() ?? "null"}.");
        var layer = KerasSerializer.DeserializeLayer(node, $"{className}.{key}");
        if (!t.IsInstanceOfType(layer))
            throw new ArgumentException($"{className}: '{key}' must be a {Describe(t)}; received a {layer.KerasClassName}.");
        return layer;
    }

    private static bool IsListOfLayers(Type t, out Type? element)
    {
        element = t.IsArray ? t.GetElementType()
            : t.IsGenericType && t.GetGenericArguments().Length == 1 && t.GetGenericTypeDefinition() is var g
              && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IEnumerable<>))
                ? t.GetGenericArguments()[0] : null;
        return element is not null && (typeof(Layer).IsAssignableFrom(element) || element.IsInterface);
    }

    private static Array ToArray(IList list, Type element)
    {
        var a = Array.CreateInstance(element, list.Count);
        list.CopyTo(a, 0);
        return a;
    }

    private static int ToInt(JsonNode? node, string className, string key)
    {
        double v = Number(node!);
        if (v != Math.Floor(v)) throw Bad(className, key, "an integer", node);
        return checked((int)v);
    }

    /// <summary>
    /// A JSON number as double, whether the node was parsed from text or built in memory: a config made by
    /// <c>GetConfig()</c> holds CLR ints and floats, which <c>GetValue&lt;double&gt;()</c> refuses to convert.
    /// </summary>
    private static double Number(JsonNode node)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out double d)) return d;
            if (v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.GetValue<object>() is IConvertible c)
                return c.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"Expected a number; received {node.ToJsonString()}.");
    }

    private static object? Raw(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out double d) => d,
        _ => node.DeepClone(),
    };

    /// <summary>Maps a Keras spelling (or null) to an enum member through <see cref="KerasNameAttribute"/>.</summary>
    public static object EnumFromKeras(string? value, Type enumType, string className, string key)
    {
        foreach (var f in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var attr = f.GetCustomAttribute<KerasNameAttribute>();
            string? name = attr is null ? ToSnakeCase(f.Name) : attr.Name;
            if (string.Equals(name, value, StringComparison.Ordinal)) return f.GetValue(null)!;
        }
        var allowed = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<KerasNameAttribute>() is { } a ? a.Name : ToSnakeCase(f.Name))
            .Select(n => n is null ? "None" : $"'{n}'");
        throw new ArgumentException(
            $"{className}: invalid {key.Replace('_', ' ')} {(value is null ? "None" : $"'{value}'")}; expected one of {string.Join(", ", allowed)}.");
    }

    /// <summary>The Keras spelling of an enum member.</summary>
    public static string? EnumToKeras<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var f = typeof(TEnum).GetField(value.ToString())!;
        return f.GetCustomAttribute<KerasNameAttribute>() is { } a ? a.Name : ToSnakeCase(f.Name);
    }

    /// <summary><c>returnSequences</c> → <c>return_sequences</c>.</summary>
    public static string ToSnakeCase(string camel)
    {
        var sb = new StringBuilder(camel.Length + 4);
        for (int i = 0; i < camel.Length; i++)
        {
            char c = camel[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(camel[i - 1]) || char.IsDigit(camel[i - 1]))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Describe(Type t) => t == typeof(int) ? "integer" : t == typeof(bool) ? "boolean" : t == typeof(float) || t == typeof(double) ? "number" : t.Name;

    private static ArgumentException Bad(string className, string key, string expected, JsonNode? received, Exception? inner = null) =>
        new KerasFormatException($"{className}: '{key}' must be {expected}; received {received?.ToJsonString() ?? "null"}.", inner!);
}

/// <summary>Marks layers whose legacy <c>input_dim</c> keyword means the last axis of a rank-3 input (recurrent layers).</summary>
public interface IInputDimIsLast;
