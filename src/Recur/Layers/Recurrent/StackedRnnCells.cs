using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Several cells run as one: at every step cell <c>k</c> consumes the output of cell <c>k−1</c>; the stack's output is
/// the last cell's. <c>new Rnn([c1, c2])</c> makes one. Keras: <c>keras.layers.StackedRNNCells</c>.
/// </summary>
/// <remarks>
/// The states are the cells' states concatenated in cell order (flat); <see cref="StateGroups"/> says which belong to
/// which cell, so that a returned state list can be nested per cell as Keras does.
/// </remarks>
public sealed class StackedRnnCells : RnnCell
{
    private readonly RnnCell[] _cells;

    public StackedRnnCells(IReadOnlyList<RnnCell> cells, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("StackedRNNCells: expected at least one cell; received an empty list.", nameof(cells));
        for (int i = 0; i < cells.Count; i++)
            if (cells[i] is null) throw new ArgumentException($"StackedRNNCells: cell {i} is null; expected an RnnCell.", nameof(cells));
        _cells = [.. cells];
        foreach (var c in _cells) Track(c);
    }

    public override string KerasClassName => "StackedRNNCells";

    /// <summary>The cells, first to last.</summary>
    public IReadOnlyList<RnnCell> Cells => _cells;

    public override IReadOnlyList<int> StateSize => _cells.SelectMany(c => c.StateSize).ToList();

    public override bool StateSizeIsList => true;

    public override int? OutputSize => _cells[^1].EffectiveOutputSize;

    public override IReadOnlyList<StateGroup> StateGroups
    {
        get
        {
            var groups = new List<StateGroup>(_cells.Length);
            int start = 0;
            foreach (var c in _cells)
            {
                groups.Add(new StateGroup(start, c.StateSize.Count, c.StateSizeIsList));
                start += c.StateSize.Count;
            }
            return groups;
        }
    }

    public override IReadOnlyList<Tensor> GetInitialState(int batchSize) => _cells.SelectMany(c => c.GetInitialState(batchSize)).ToList();

    /// <summary>Builds cell <c>k</c> for inputs <c>[B, output size of cell k−1]</c> (the first for the step input).</summary>
    protected override void BuildCore(int?[] inputShape)
    {
        var shape = inputShape;
        foreach (var c in _cells)
        {
            c.Build(shape);
            shape = [inputShape[0], c.EffectiveOutputSize];
        }
    }

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var x = input;
        var newStates = new List<Tensor>(states.Count);
        int start = 0;
        foreach (var c in _cells)
        {
            int n = c.StateSize.Count;
            var (output, cellStates) = c.Step(x, states.Skip(start).Take(n).ToList(), training);
            if (cellStates.Count != n)
                throw new InvalidOperationException($"{c.KerasClassName} '{c.Name}': Step returned {cellStates.Count} states; its StateSize declares {n}.");
            newStates.AddRange(cellStates);
            x = output;
            start += n;
        }
        return (x, newStates);
    }

    /// <summary>Base keys then <c>cells</c> (each serialized).</summary>
    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        o["cells"] = new JsonArray(_cells.Select(c => (JsonNode)KerasSerializer.Serialize(c)).ToArray());
        return o;
    }
}
