using System.Reflection;
using System.Reflection.Emit;

namespace Recur.Tests.Architecture;

/// <summary>
/// Keeps the dependency direction Kernels ← Recur (tensors, autograd, ops) ← Layers ← Models ← Saving: no type may
/// reference a type of a namespace to its right, in signatures or in method bodies (IL tokens).
/// </summary>
public sealed class LayeringTests
{
    private static readonly (string Namespace, int Rank)[] Order =
    [
        ("Recur.Kernels", 0), ("Recur.Layers", 2), ("Recur.Models", 3), ("Recur.Saving", 4), ("Recur", 1),
    ];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void NoNamespaceReferencesOneToItsRight()
    {
        var assembly = typeof(Tensor).Assembly;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            int? from = RankOf(type);
            if (from is null) continue;
            foreach (var used in ReferencedTypes(type))
            {
                if (used.Assembly != assembly) continue;
                if (RankOf(used) is int to && to > from)
                    violations.Add($"{type.FullName} (rank {from}) uses {used.FullName} (rank {to})");
            }
        }
        Assert.True(violations.Count == 0, "Layering violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void DetectorSeesMethodBodies()
    {
        // The check must be able to fail: Layer's bodies reference Tensor (rank 1) and Ops, which it may.
        var used = ReferencedTypes(typeof(Recur.Layers.Layer)).ToHashSet();
        Assert.Contains(typeof(Tensor), used);
        Assert.Contains(typeof(Recur.Layers.NameScope), used);
    }

    private static int? RankOf(Type t)
    {
        var ns = (t.IsNested ? Outermost(t) : t).Namespace;
        if (ns is null || !(ns == "Recur" || ns.StartsWith("Recur.", StringComparison.Ordinal))) return null;
        foreach (var (prefix, rank) in Order)
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)) return rank;
        return null;
    }

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b) foreach (var t in Expand(b)) yield return t;
        foreach (var i in type.GetInterfaces()) foreach (var t in Expand(i)) yield return t;
        foreach (var f in type.GetFields(all)) foreach (var t in Expand(f.FieldType)) yield return t;
        foreach (var p in type.GetProperties(all)) foreach (var t in Expand(p.PropertyType)) yield return t;
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi) foreach (var t in Expand(mi.ReturnType)) yield return t;
            foreach (var p in m.GetParameters()) foreach (var t in Expand(p.ParameterType)) yield return t;
            foreach (var t in BodyTypes(m)) yield return t;
        }
    }

    private static IEnumerable<Type> Expand(Type t)
    {
        if (t.HasElementType) { foreach (var e in Expand(t.GetElementType()!)) yield return e; yield break; }
        if (t.IsGenericParameter) yield break;
        yield return t.IsGenericType ? t.GetGenericTypeDefinition() : t;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) foreach (var e in Expand(a)) yield return e;
    }

    private static IEnumerable<Type> BodyTypes(MethodBase m)
    {
        byte[]? il;
        try { il = m.GetMethodBody()?.GetILAsByteArray(); }
        catch (InvalidOperationException) { yield break; }
        if (il is null) yield break;
        var module = m.Module;
        var typeArgs = m.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op)) yield break;
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                Type? found = null;
                try
                {
                    var member = module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    found = member as Type ?? member?.DeclaringType;
                }
                catch (ArgumentException) { }
                catch (TypeLoadException) { }
                if (found is not null) foreach (var t in Expand(found)) yield return t;
            }
            i += size;
        }
    }
}
