using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Models;

/// <summary>
/// Rebuilds a functional model from its config: creates every layer, then replays the recorded calls (<c>inbound_nodes</c>)
/// whose inputs exist, pass after pass in <c>layers</c> order, as Keras's <c>functional_from_config</c> does. Reads both node
/// formats: Keras 3 <c>{"args": [...], "kwargs": {...}}</c> with <c>__keras_tensor__</c> references, and the legacy
/// <c>[[name, node_index, tensor_index, kwargs], ...]</c> lists (spec §1.3.2–§1.3.3).
/// </summary>
internal static class FunctionalConfigReader
{
    /// <summary>Where a tensor comes from: output <paramref name="Tensor"/> of call <paramref name="Node"/> of a layer.</summary>
    private readonly record struct TensorRef(string Layer, int Node, int Tensor)
    {
        public override string ToString() => $"['{Layer}', {Node}, {Tensor}]";
    }

    /// <summary>One recorded call: its data inputs (a list for merge layers) and initial states.</summary>
    private sealed record Call(IReadOnlyList<TensorRef> Inputs, bool InputIsList, IReadOnlyList<TensorRef> InitialState);

    public static Model Read(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? name = config["name"] is JsonValue n && n.TryGetValue(out string? s) ? s : null;
        string who = $"Functional model '{name}'";
        if (config["layers"] is not JsonArray entries)
            throw new KerasFormatException($"{who}: expected a 'layers' list; received {config["layers"]?.ToJsonString() ?? "nothing"}.");

        var layers = new List<(string Name, Layer Layer, List<Call> Calls)>();
        var outputs = new Dictionary<(string, int), IReadOnlyList<SymbolicTensor>>();
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject ?? throw new KerasFormatException($"{who}: layers[{i}] is not an object.");
            var layer = KerasSerializer.DeserializeLayer(entry, $"{who}, layers[{i}]");
            string layerName = entry["name"] is JsonValue ln && ln.TryGetValue(out string? lns) ? lns : layer.Name;
            if (layers.Any(l => l.Name == layerName)) throw new KerasFormatException($"{who}: two layers are named '{layerName}'.");
            if (layer is InputLayer input)
            {
                outputs[(layerName, 0)] = [new Input(input)];
                layers.Add((layerName, layer, []));
                continue;
            }
            var calls = entry["inbound_nodes"] is JsonArray nodes
                ? nodes.Select((node, k) => ParseCall(node, layer, $"{who}, layer '{layerName}' call {k}")).ToList()
                : [];
            layers.Add((layerName, layer, calls));
        }

        Replay(layers, outputs, who);
        var inputs = Endpoints(config["input_layers"], outputs, who, "input_layers");
        var results = Endpoints(config["output_layers"], outputs, who, "output_layers");
        return new Model(inputs, results, name, layers.Select(l => l.Layer).ToList());
    }

    // Keras's loop: each pass makes the next call of every layer whose inputs exist; calls of one layer keep their order,
    // since a call's position is its node index.
    private static void Replay(List<(string Name, Layer Layer, List<Call> Calls)> layers,
        Dictionary<(string, int), IReadOnlyList<SymbolicTensor>> outputs, string who)
    {
        var next = layers.ToDictionary(l => l.Name, _ => 0);
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (var (name, layer, calls) in layers)
                while (next[name] < calls.Count && TryResolve(calls[next[name]], outputs, out var inputs, out var states))
                {
                    outputs[(name, next[name])] = Apply(layer, calls[next[name]], inputs, states);
                    next[name]++;
                    progress = true;
                }
        }
        var stuck = layers.FirstOrDefault(l => next[l.Name] < l.Calls.Count);
        if (stuck.Layer is not null)
        {
            var call = stuck.Calls[next[stuck.Name]];
            var missing = call.Inputs.Concat(call.InitialState).First(r => Lookup(r, outputs) is null);
            throw new KerasFormatException(
                $"{who}: cannot connect call {next[stuck.Name]} of layer '{stuck.Name}': its input {missing} is produced by no layer call in the config.");
        }
    }

    private static IReadOnlyList<SymbolicTensor> Apply(Layer layer, Call call, List<SymbolicTensor> inputs, List<SymbolicTensor> states)
    {
        if (states.Count > 0)
        {
            if (inputs.Count != 1)
                throw new KerasFormatException($"{layer.KerasClassName} '{layer.Name}': a call with initial_state must have one sequence input; received {inputs.Count}.");
            return layer.ApplyAll(inputs[0], states);
        }
        return call.InputIsList ? layer.ApplyAll([.. inputs]) : layer.ApplyAll(inputs[0]);
    }

    private static bool TryResolve(Call call, Dictionary<(string, int), IReadOnlyList<SymbolicTensor>> outputs,
        out List<SymbolicTensor> inputs, out List<SymbolicTensor> states)
    {
        inputs = [.. call.Inputs.Select(r => Lookup(r, outputs)!)];
        states = [.. call.InitialState.Select(r => Lookup(r, outputs)!)];
        return inputs.All(t => t is not null) && states.All(t => t is not null);
    }

    private static SymbolicTensor? Lookup(TensorRef r, Dictionary<(string, int), IReadOnlyList<SymbolicTensor>> outputs) =>
        outputs.TryGetValue((r.Layer, r.Node), out var outs) ? r.Tensor < outs.Count ? outs[r.Tensor] : null : null;

    // ---- parsing ----------------------------------------------------------------------------------------------

    private static Call ParseCall(JsonNode? node, Layer layer, string who) => node switch
    {
        JsonObject o when o.ContainsKey("args") => ParseKeras3Call(o, who),
        JsonArray entries => ParseLegacyCall(entries, layer, who),
        _ => throw new KerasFormatException($"{who}: expected {{\"args\", \"kwargs\"}} or a list of [layer, node, tensor, kwargs]; received {node?.ToJsonString() ?? "null"}."),
    };

    private static Call ParseKeras3Call(JsonObject node, string who)
    {
        if (node["args"] is not JsonArray { Count: > 0 } args)
            throw new KerasFormatException($"{who}: 'args' must hold the input tensor(s); received {node["args"]?.ToJsonString() ?? "null"}.");
        if (args.Count > 1)
            throw new NotSupportedException($"{who}: calls with {args.Count} positional arguments are not supported; only the input (a tensor or a list).");
        var kwargs = node["kwargs"] as JsonObject ?? [];
        bool isList = args[0] is JsonArray;
        var inputs = isList ? ((JsonArray)args[0]!).Select(t => Keras3Ref(t, who)).ToList() : [Keras3Ref(args[0], who)];
        var states = kwargs["initial_state"] switch
        {
            null => [],
            JsonArray list => list.Select(t => Keras3Ref(t, who)).ToList(),
            var single => [Keras3Ref(single, who)],
        };
        CheckKwargs(kwargs, who);
        return new Call(inputs, isList, states);
    }

    private static TensorRef Keras3Ref(JsonNode? node, string who)
    {
        if (node is JsonObject { } o && o["config"] is JsonObject c && c["keras_history"] is JsonArray h) return Triple(h, who);
        throw new KerasFormatException($"{who}: expected a __keras_tensor__ with a keras_history; received {node?.ToJsonString() ?? "null"}.");
    }

    // tf.keras attaches the call's kwargs to every entry (initial_state as [name, node, tensor] triples); standalone Keras 2
    // instead appended initial states as extra entries after the sequence of an RNN call.
    private static Call ParseLegacyCall(JsonArray entries, Layer layer, string who)
    {
        if (entries.Count == 0) throw new KerasFormatException($"{who}: a call lists no inputs.");
        var refs = entries.Select(e => e is JsonArray a ? Triple(a, who) : throw new KerasFormatException($"{who}: expected [layer, node, tensor, kwargs]; received {e?.ToJsonString() ?? "null"}.")).ToList();
        var kwargs = entries[0] is JsonArray { Count: > 3 } first && first[3] is JsonObject k ? k : [];
        var states = kwargs["initial_state"] switch
        {
            null => [],
            JsonArray list when list.Count > 0 && list[0] is JsonValue => [Triple(list, who)],
            JsonArray list => list.Select(t => t is JsonArray a ? Triple(a, who) : Keras3Ref(t, who)).ToList(),
            var other => [Keras3Ref(other, who)],
        };
        CheckKwargs(kwargs, who);
        if (states.Count == 0 && refs.Count > 1 && layer is ISequenceLayer or Bidirectional)
            return new Call([refs[0]], false, refs.Skip(1).ToList());
        return new Call(refs, refs.Count > 1, states);
    }

    private static TensorRef Triple(JsonArray h, string who)
    {
        if (h.Count >= 3 && h[0] is JsonValue a && a.TryGetValue(out string? layer)
            && h[1] is JsonValue b && b.TryGetValue(out int node) && h[2] is JsonValue c && c.TryGetValue(out int tensor))
            return new TensorRef(layer, node, tensor);
        throw new KerasFormatException($"{who}: expected [layer name, node index, tensor index]; received {h.ToJsonString()}.");
    }

    // Masks flow with the tensors (Keras fills a None mask from the input); explicit masks and constants have no symbolic form here.
    private static void CheckKwargs(JsonObject kwargs, string who)
    {
        foreach (var (key, value) in kwargs)
            switch (key)
            {
                case "initial_state" or "training":
                    break;
                case "mask" when value is null:
                    break;
                default:
                    throw new NotSupportedException(
                        $"{who}: the call argument '{key}' = {value?.ToJsonString() ?? "None"} is not supported when reading a config " +
                        "(supported: initial_state, training, and mask=None, which means the mask carried by the input).");
            }
    }

    // input_layers/output_layers: a bare triple, a list of triples, or a dict of them (its values in order).
    private static List<SymbolicTensor> Endpoints(JsonNode? node, Dictionary<(string, int), IReadOnlyList<SymbolicTensor>> outputs,
        string who, string key)
    {
        var refs = node switch
        {
            JsonArray a when a.Count > 0 && a[0] is JsonValue => [Triple(a, who)],
            JsonArray a => a.Select(t => t is JsonArray x ? Triple(x, who) : throw new KerasFormatException($"{who}: '{key}' holds {t?.ToJsonString() ?? "null"}; expected [layer, node, tensor].")).ToList(),
            JsonObject o => o.Select(kv => kv.Value is JsonArray x ? Triple(x, who) : throw new KerasFormatException($"{who}: '{key}.{kv.Key}' is not [layer, node, tensor].")).ToList(),
            _ => throw new KerasFormatException($"{who}: expected '{key}' as [layer, node, tensor] or a list of them; received {node?.ToJsonString() ?? "nothing"}."),
        };
        if (refs.Count == 0) throw new KerasFormatException($"{who}: '{key}' is empty.");
        return refs.Select(r => Lookup(r, outputs) ?? throw new KerasFormatException($"{who}: '{key}' names {r}, which no layer call produces.")).ToList();
    }
}
