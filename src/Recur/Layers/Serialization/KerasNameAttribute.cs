namespace Recur.Layers;

/// <summary>The spelling Keras uses for an enum member in configs (null for Python's <c>None</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class KerasNameAttribute(string? name) : Attribute
{
    public string? Name { get; } = name;
}

/// <summary>Marks the constructor that <c>from_config</c> binds config keys to (by snake_case parameter name).</summary>
[AttributeUsage(AttributeTargets.Constructor)]
public sealed class KerasConstructorAttribute : Attribute;
