using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Conformance;

/// <summary>The verdict on one case; <see cref="Warnings"/> lists checks that pass only at the TPU tolerance.</summary>
public sealed record CaseOutcome(string Id, string Family, bool Passed, string? Reason, IReadOnlyList<string> Warnings);

/// <summary>A case failed; the message is the reason printed by the runner.</summary>
public sealed class CaseFailure(string message) : Exception(message);

/// <summary>
/// Executes <c>recur-conformance/1</c> cases (SCHEMA.md §7–§12): builds the layer through the config path, runs the
/// steps, normalizes each result into Keras's returned list R, compares expectations and evaluates the checks.
/// </summary>
public static class ConformanceRunner
{
    static ConformanceRunner() => Fixtures.Register();

    /// <summary>Keys whose values are serialized layers (the rest of a description are arguments).</summary>
    private static readonly HashSet<string> LayerKeys = ["layer", "backward_layer", "cell", "cells", "layers"];

    /// <summary>Reads a case file and checks its schema tag.</summary>
    public static IReadOnlyList<JsonObject> LoadCases(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path}: expected a JSON object at the top level.");
        if (root["schema"]?.GetValue<string>() != "recur-conformance/1")
            throw new InvalidDataException($"{path}: expected schema \"recur-conformance/1\"; received {root["schema"]?.ToJsonString() ?? "none"}.");
        return root["cases"]!.AsArray().Select(c => c!.AsObject()).ToList();
    }

    /// <summary>Runs one case in a fresh naming scope (Keras's <c>clear_session()</c>).</summary>
    public static CaseOutcome Run(JsonObject testCase)
    {
        string id = testCase["id"]!.GetValue<string>(), family = testCase["family"]!.GetValue<string>();
        var warnings = new List<string>();
        using var scope = NameScope.Fresh();
        try
        {
            Execute(testCase, warnings);
            return new CaseOutcome(id, family, true, null, warnings);
        }
        catch (CaseFailure f)
        {
            return new CaseOutcome(id, family, false, f.Message, warnings);
        }
        catch (Exception e)
        {
            return new CaseOutcome(id, family, false, $"unexpected {e.GetType().Name}: {e.Message}", warnings);
        }
    }

    private static void Execute(JsonObject c, List<string> warnings)
    {
        var description = c["construct"] ?? c["layer"] ?? throw new CaseFailure("case has neither 'layer' nor 'construct'");
        if (MissingClasses(description).FirstOrDefault() is { } missing) throw new CaseFailure($"not implemented: {missing}");

        if (c["construct"] is not null)
        {
            ExpectThrows(c, () => KerasSerializer.DeserializeLayer(description), "construction");
            return;
        }
        var layer = KerasSerializer.DeserializeLayer(description);
        var steps = c["steps"]?.AsArray() ?? [];
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i]!.AsObject();
            if (step["throws"]?.GetValue<bool>() == true)
            {
                ExpectThrows(c, () => RunStep(layer, step, steps, i), $"step {i} ({step["op"]})");
                return;
            }
            var r = RunStep(layer, step, steps, i);
            if (r is null) continue;
            if (step["returns"] is { } n && n.GetValue<int>() != r.Count)
                throw new CaseFailure($"step {i}: expected {n} returned values; received {r.Count}");
            foreach (var e in step["expect"]?.AsArray() ?? [])
                CheckExpectation(r, e!.AsObject(), $"step {i}", warnings);
        }
        if (c["kind"]?.GetValue<string>() == "error") throw new CaseFailure("no step is marked 'throws'");
        foreach (var check in c["checks"]?.AsArray() ?? [])
            Check(layer, check!.AsObject());
    }

    /// <summary>Layer classes named in a description that the registry does not know (reported as "not implemented").</summary>
    private static IEnumerable<string> MissingClasses(JsonNode? node)
    {
        if (node is not JsonObject o || o["class_name"] is not JsonValue v || !v.TryGetValue(out string? name)) yield break;
        if (!KerasRegistry.LayerClassNames.Contains(name)) yield return name;
        if (o["config"] is not JsonObject config) yield break;
        foreach (var (key, value) in config)
        {
            if (!LayerKeys.Contains(key)) continue;
            var items = value is JsonArray a ? a.ToList() : [value];
            foreach (var item in items)
                foreach (var m in MissingClasses(item)) yield return m;
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------------

    private static void ExpectThrows(JsonObject c, Action action, string what)
    {
        string category = c["error"]?.GetValue<string>() ?? throw new CaseFailure("error case without 'error' category");
        try
        {
            action();
        }
        catch (CaseFailure)
        {
            throw;
        }
        catch (Exception e)
        {
            bool categoryOk = category switch
            {
                "argument" or "shape" => e is ArgumentException,
                "state" => e is InvalidOperationException,
                _ => throw new CaseFailure($"unknown error category '{category}'"),
            };
            if (!categoryOk)
                throw new CaseFailure($"{what} threw {e.GetType().Name} (\"{e.Message}\"); expected a '{category}' error");
            foreach (var word in c["message_contains"]?.AsArray() ?? [])
                if (!Lenient(e.Message).Contains(Lenient(word!.GetValue<string>()), StringComparison.Ordinal))
                    throw new CaseFailure($"{what} message \"{e.Message}\" does not mention '{word}'");
            return;
        }
        throw new CaseFailure($"{what} succeeded; expected a '{category}' error");
    }

    private static string Lenient(string s) =>
        new(s.ToLowerInvariant().Where(ch => ch is not (' ' or '_' or '-' or '`' or '\'' or '"')).ToArray());

    // ---- steps --------------------------------------------------------------------------------------------------

    /// <summary>Runs a step; returns the normalized R for <c>call</c>/<c>cell_call</c>, else null.</summary>
    private static List<object>? RunStep(Layer layer, JsonObject step, JsonArray steps, int index)
    {
        string op = step["op"]!.GetValue<string>();
        bool training = step["training"]?.GetValue<bool>() ?? false;
        switch (op)
        {
            case "call":
            {
                var options = new CallOptions
                {
                    Training = training,
                    Mask = step["mask"] is { } m ? Arrays.ToTensor(m) : null,
                    InitialState = step["initial_state"]?.AsArray().Select(s => Arrays.ToTensor(s!)).ToList(),
                };
                var outputs = layer.Invoke([Arrays.ToTensor(step["inputs"]!)], options);
                return Normalize(layer, outputs.Cast<object>().ToList());
            }
            case "cell_call":
            {
                var cell = layer as RnnCell ?? throw new CaseFailure($"cell_call on a {layer.KerasClassName}, which is not a cell");
                var states = step["states"]!.AsArray().Select(s => Arrays.ToTensor(s!)).ToList();
                var (output, newStates) = cell.Invoke(Arrays.ToTensor(step["inputs"]!), states, training);
                return [output, newStates.ToList()];
            }
            case "reset_state":
            {
                var given = step["states"]?.AsArray().Select(s => Arrays.ToTensor(s!)).ToList();
                switch (layer)
                {
                    case Bidirectional bidirectional when given is not null: bidirectional.ResetStates(given); break;
                    case Bidirectional bidirectional: bidirectional.ResetStates(); break;
                    case ISequenceLayer seq when given is not null: seq.ResetStates(given); break;
                    case ISequenceLayer seq: seq.ResetStates(); break;
                    default: throw new InvalidOperationException($"{layer.KerasClassName} has no reset_state().");
                }
                return null;
            }
            case "set_weights":
            {
                if (!layer.Built)
                {
                    var next = steps.Skip(index + 1).FirstOrDefault(s => s!["op"]!.GetValue<string>() == "call")
                        ?? throw new CaseFailure("set_weights on an unbuilt layer without a later call to take the input shape from");
                    layer.Build(Arrays.ToTensor(next["inputs"]!).Shape);
                }
                layer.SetWeights(step["weights"]!.AsArray().Select(w => Arrays.ToTensor(w!)).ToList());
                return null;
            }
            default:
                throw new CaseFailure($"unknown step op '{op}'");
        }
    }

    /// <summary>Keras's returned list R: states of a stacked cell nest per cell where Keras nests them (§8).</summary>
    private static List<object> Normalize(Layer layer, List<object> flat)
    {
        if (layer is not Rnn { ReturnState: true } rnn) return flat;
        var r = new List<object> { flat[0] };
        foreach (var g in rnn.StateGroups)
        {
            var items = flat.Skip(1 + g.Start).Take(g.Count).ToList();
            r.Add(g.IsList ? items : items[0]);
        }
        return r;
    }

    // ---- expectations -------------------------------------------------------------------------------------------

    private static void CheckExpectation(List<object> r, JsonObject e, string where, List<string> warnings)
    {
        var path = e["output"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        string label = $"{where} output [{string.Join(", ", path)}]";
        object node = r;
        foreach (int p in path)
        {
            if (node is not System.Collections.IList list || p >= list.Count) throw new CaseFailure($"{label}: no such element in R");
            node = list[p]!;
        }
        if (node is not Tensor t) throw new CaseFailure($"{label}: expected a tensor; R holds a list there");
        var a = Arrays.FromTensor(t);
        foreach (var s in e["slice"]?.AsArray() ?? [])
            a = a.Take(s!["axis"]!.GetValue<int>(), s["index"]!.GetValue<int>());
        if (e["reduce"]?.GetValue<string>() is { } reduce)
        {
            if (reduce != "sum") throw new CaseFailure($"{label}: unknown reduce '{reduce}'");
            a = new Arrays.Nd([a.Data.Sum()], []);
        }
        var shape = e["shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        if (!shape.SequenceEqual(a.Shape))
            throw new CaseFailure($"{label}: expected shape [{string.Join(", ", shape)}]; received [{string.Join(", ", a.Shape)}]");
        if (e["value"] is not { } value) return;
        var expected = Arrays.Flatten(value);
        double atol = e["atol"]?.GetValue<double>() ?? 1e-6, rtol = e["rtol"]?.GetValue<double>() ?? 1e-6;
        double reqAtol = e["tpu_atol"]?.GetValue<double>() ?? atol, reqRtol = e["tpu_rtol"]?.GetValue<double>() ?? rtol;
        if (Arrays.FirstMismatch(a.Data, expected, reqAtol, reqRtol) is int bad)
            throw new CaseFailure(
                $"{label}: element {bad} is {a.Data[bad].ToString("R", CultureInfo.InvariantCulture)}, expected {expected[bad].ToString("R", CultureInfo.InvariantCulture)} (atol {reqAtol}, rtol {reqRtol})");
        if (Arrays.FirstMismatch(a.Data, expected, atol, rtol) is int loose)
            warnings.Add($"{label}: element {loose} passes only at the TPU tolerance ({a.Data[loose]} vs {expected[loose]})");
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    private static void Check(Layer layer, JsonObject check)
    {
        string name = check["check"]!.GetValue<string>();
        var target = Navigate(layer, check["target"]?.AsArray());
        switch (name)
        {
            case "output_shape":
            {
                var input = Arrays.Shape(check["input_shape"]!.AsArray());
                var shapes = target.ComputeOutputShape(input).Select(s => (object)ShapeJson(s)).ToList();
                var actual = new JsonArray(Normalize(target, shapes).Select(ToJsonShape).ToArray());
                Expect(name, check["expected"], actual);
                break;
            }
            case "weight_counts":
                if (check["trainable_weights"] is { } tw) Expect("trainable_weights", tw, target.TrainableWeights.Count);
                if (check["non_trainable_weights"] is { } ntw) Expect("non_trainable_weights", ntw, target.NonTrainableWeights.Count);
                break;
            case "variable_counts":
                Expect("non_trainable_variables", check["non_trainable_variables"], target.NonTrainableVariables.Count);
                break;
            case "seed_generator_count":
                Expect(name, check["expected"], target.SeedGenerators.Count);
                break;
            case "loss_count":
                Expect(name, check["expected"], target.Losses.Count);
                break;
            case "supports_masking":
                Expect(name, check["expected"], target.SupportsMasking);
                break;
            case "config_roundtrip":
            {
                var c1 = target.GetConfig();
                var c2 = RoundTrip(target).GetConfig();
                if (!JsonNode.DeepEquals(Canonical(c1), Canonical(c2)))
                    throw new CaseFailure($"config_roundtrip: {c1.ToJsonString()} became {c2.ToJsonString()}");
                break;
            }
            case "config_contains":
            {
                JsonNode? node = target.GetConfig();
                foreach (var key in check["path"]!.AsArray())
                    node = node is JsonObject o && o.TryGetPropertyValue(key!.GetValue<string>(), out var child)
                        ? child : throw new CaseFailure($"config_contains: no key '{key}' in {node?.ToJsonString()}");
                Expect(name, check["value"], node);
                break;
            }
            case "attribute":
            {
                var owner = check["roundtrip"]?.GetValue<bool>() == true ? Navigate(RoundTrip(layer), check["target"]?.AsArray()) : target;
                string attribute = check["attribute"]!.GetValue<string>();
                var property = Property(owner, attribute) ?? throw new CaseFailure($"attribute: {owner.KerasClassName} has no attribute '{attribute}'");
                Expect($"attribute {attribute}", check["value"], KerasValue(property.GetValue(owner), attribute));
                break;
            }
            case "attribute_absent":
            {
                string attribute = check["attribute"]!.GetValue<string>();
                if (Property(target, attribute) is not null) throw new CaseFailure($"attribute_absent: {target.KerasClassName} has '{attribute}'");
                break;
            }
            case "weights":
            {
                var actual = new JsonArray(target.WeightPaths
                    .Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["shape"] = new JsonArray(p.Variable.Shape.Select(d => (JsonNode)d).ToArray()) })
                    .ToArray());
                Expect(name, check["expected"], actual);
                break;
            }
            case "summary":
                CheckSummary(check, target as Recur.Models.Model ?? throw new CaseFailure($"summary: {target.KerasClassName} is not a model"));
                break;
            default:
                throw new CaseFailure($"unknown check '{name}'");
        }
    }

    /// <summary>Keras's summary table: rows (name, class, output shape, params) and the totals with their size text.</summary>
    private static void CheckSummary(JsonObject check, Recur.Models.Model model)
    {
        var shapes = model is Recur.Models.Sequential s ? s.LayerOutputShapes : [];
        var rows = new JsonArray();
        var expectedRows = check["rows"]!.AsArray();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            var row = new JsonObject();
            var want = i < expectedRows.Count ? expectedRows[i]!.AsObject() : new JsonObject();
            if (want.ContainsKey("name")) row["name"] = layer.Name;
            if (want.ContainsKey("class_name")) row["class_name"] = layer.KerasClassName;
            if (want.ContainsKey("output_shape")) row["output_shape"] = i < shapes.Count ? KerasSerializer.ShapeToJson(shapes[i]) : null;
            if (want.ContainsKey("params")) row["params"] = layer.CountParams();
            rows.Add(row);
        }
        Expect("summary rows", expectedRows, rows);
        long total = model.CountParams(), trainable = model.TrainableWeights.Sum(v => (long)v.Value.Size);
        Expect("summary total_params", check["total_params"], JsonValue.Create(total));
        Expect("summary trainable_params", check["trainable_params"], JsonValue.Create(trainable));
        Expect("summary non_trainable_params", check["non_trainable_params"], JsonValue.Create(total - trainable));
        if (check["total_size_text"] is { } text)
            Expect("summary total_size_text", text,
                JsonValue.Create($"{total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({Recur.Models.Model.ReadableSize(total * 4)})"));
    }

    private static Layer RoundTrip(Layer layer) =>
        KerasSerializer.DeserializeLayer(new JsonObject { ["class_name"] = layer.KerasClassName, ["config"] = layer.GetConfig() });

    private static Layer Navigate(Layer layer, JsonArray? path)
    {
        object current = layer;
        foreach (var step in path ?? [])
        {
            current = step is JsonValue v && v.TryGetValue(out int index)
                ? (current as System.Collections.IList)?[index] ?? throw new CaseFailure($"target: cannot index {current}")
                : Property(current, step!.GetValue<string>())?.GetValue(current) ?? throw new CaseFailure($"target: {current} has no '{step}'");
        }
        return current as Layer ?? throw new CaseFailure($"target: {current} is not a layer");
    }

    /// <summary>The property for a Keras attribute name (<c>go_backwards</c> → <c>GoBackwards</c>).</summary>
    private static PropertyInfo? Property(object owner, string kerasName)
    {
        string pascal = string.Concat(kerasName.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return owner.GetType().GetProperty(pascal, BindingFlags.Public | BindingFlags.Instance);
    }

    /// <summary>A property value as Keras would show it (null <c>use_cudnn</c> is <c>"auto"</c>).</summary>
    private static JsonNode? KerasValue(object? value, string attribute) => value switch
    {
        null when attribute == "use_cudnn" => "auto",
        null => null,
        bool b => b,
        int i => i,
        float f => f,
        double d => d,
        string s => s,
        Activation a => a.Name,
        Layer l => l.Name,
        _ => value.ToString(),
    };

    private static JsonArray ShapeJson(int?[] s) => new(s.Select(d => d is int v ? (JsonNode)v : null).ToArray());

    private static JsonNode ToJsonShape(object o) => o is JsonArray a ? a : new JsonArray(((List<object>)o).Select(ToJsonShape).ToArray());

    private static JsonNode? Canonical(JsonNode? n) => n is null ? null : JsonNode.Parse(n.ToJsonString());

    private static void Expect(string what, JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(Canonical(expected), Canonical(actual)))
            throw new CaseFailure($"{what}: expected {expected?.ToJsonString() ?? "null"}; received {actual?.ToJsonString() ?? "null"}");
    }
}
