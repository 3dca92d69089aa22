using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Runs a cell over the time axis of <c>[B, T, …]</c> sequences. Keras: <c>keras.layers.RNN</c>.
/// </summary>
/// <remarks>
/// The recurrence (Keras §2.5): steps run in time order (or last to first with <see cref="GoBackwards"/>); at a masked
/// step every state keeps its value and the output repeats the previous step's output (zeros before the first valid
/// step), or is zeros with <see cref="ZeroOutputForMask"/>. The returned sequence is in processing order. Returns the
/// last output (or the sequence) followed, with <see cref="ReturnState"/>, by the final states flattened one level
/// (<see cref="StateGroups"/> tells how Keras nests them for stacked cells).
/// <para>A call whose cell accepts (<see cref="SimpleRnnCell"/>, <see cref="LstmCell"/>, <see cref="GruCell"/> with built-in
/// activations and no dropout applied; the conditions live in <c>StandardRnnCell.TryFuse</c>) runs the whole sequence in one
/// fused kernel with its own backward; any other call steps through the generic loop. Both give the same numbers up to
/// summation order (about 1e-7 of each tensor's scale).</para>
/// </remarks>
public class Rnn : Layer, ISequenceLayer, IInputDimIsLast
{
    private bool _zeroOutputForMask;
    private Tensor[]? _states;

    /// <summary>Wraps <paramref name="cell"/> (a <see cref="StackedRnnCells"/> for several).</summary>
    [KerasConstructor]
    public Rnn(
        RnnCell cell,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        Regularizer? activityRegularizer = null,
        string? name = null)
        : base(name)
    {
        Cell = cell ?? throw new ArgumentNullException(nameof(cell), $"{KerasClassName}: expected a cell; received null.");
        if (cell.StateSize is not { Count: > 0 } sizes || sizes.Any(s => s <= 0))
            throw new ArgumentException(
                $"{KerasClassName}: the cell's state_size must be a positive integer or a list of them; received [{string.Join(", ", cell.StateSize ?? [])}].",
                nameof(cell));
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        _zeroOutputForMask = zeroOutputForMask;
        ActivityRegularizer = activityRegularizer;
        InputSpec = new InputSpec(MinRank: 3);
        Track(cell);
    }

    /// <summary>Stacks <paramref name="cells"/> into a <see cref="StackedRnnCells"/> (Keras: a list passed as <c>cell</c>).</summary>
    public Rnn(IReadOnlyList<RnnCell> cells, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool unroll = false, bool zeroOutputForMask = false, Regularizer? activityRegularizer = null,
        string? name = null)
        : this(new StackedRnnCells(cells), returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask,
            activityRegularizer, name)
    {
    }

    public override string KerasClassName => "RNN";

    /// <summary>The cell run at every step.</summary>
    public RnnCell Cell { get; }

    public bool ReturnSequences { get; }

    public bool ReturnState { get; }

    public bool GoBackwards { get; }

    public bool Stateful { get; }

    /// <summary>Accepted for Keras compatibility: the numbers are the loop's; it only requires a known time dimension.</summary>
    public bool Unroll { get; }

    /// <summary>Masked steps output zeros instead of the previous output.</summary>
    public bool ZeroOutputForMask
    {
        get => _zeroOutputForMask;
        set => _zeroOutputForMask = value;
    }

    bool? ISequenceLayer.ZeroOutputForMask
    {
        get => _zeroOutputForMask;
        set => _zeroOutputForMask = value ?? false;
    }

    public Regularizer? ActivityRegularizer { get; }

    /// <summary>Released Keras 3 propagates the input mask (with <see cref="ReturnSequences"/>).</summary>
    public override bool SupportsMasking => true;

    /// <summary>Number of state tensors (flat).</summary>
    public int StateCount => Cell.StateSize.Count;

    /// <summary>How the returned states nest: one group per state, or per cell for stacked cells.</summary>
    public IReadOnlyList<StateGroup> StateGroups => Cell.StateGroups;

    /// <summary>The stored states of a stateful, built layer (copies are not made: do not mutate); null otherwise.</summary>
    public IReadOnlyList<Tensor>? States => _states;

    /// <summary>The batch size the stored states were created for.</summary>
    private int? StatefulBatchSize => _states?[0].Dims[0];

    // ---- config -----------------------------------------------------------------------------------------------

    /// <summary>Base keys, [activity_regularizer], the six flags, then <c>cell</c>.</summary>
    public override JsonObject GetConfig()
    {
        var o = RnnConfig(writeActivityRegularizer: ActivityRegularizer is not null);
        o["cell"] = KerasSerializer.Serialize(Cell);
        return o;
    }

    /// <summary>The config up to the flags, without <c>cell</c> (the concrete layers write their cell keys instead).</summary>
    protected JsonObject RnnConfig(bool writeActivityRegularizer)
    {
        var o = base.GetConfig();
        if (writeActivityRegularizer) o["activity_regularizer"] = ActivityRegularizer?.ToConfig();
        o["return_sequences"] = ReturnSequences;
        o["return_state"] = ReturnState;
        o["go_backwards"] = GoBackwards;
        o["stateful"] = Stateful;
        o["unroll"] = Unroll;
        o["zero_output_for_mask"] = ZeroOutputForMask;
        return o;
    }

    // ---- build ------------------------------------------------------------------------------------------------

    /// <summary>Builds the cell for one step (<c>[B, …]</c>, time removed); a stateful layer creates its state holders.</summary>
    protected override void BuildCore(int?[] inputShape)
    {
        if (Unroll && inputShape[1] is null)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': Cannot unroll a RNN if the time dimension is undefined; received input shape {InputSpec.Format(inputShape)}. " +
                "Use unroll=False or give the time dimension a fixed size.");
        int? batch = inputShape[0];
        if (Stateful && batch is null)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': When using stateful=True in a RNN, the batch size must be static. Found dynamic batch size: received input shape {InputSpec.Format(inputShape)}.");
        if (!Cell.Built) Cell.Build([batch, .. inputShape[2..]]);
        if (Stateful) _states = Cell.GetInitialState(batch!.Value).ToArray();
    }

    // ---- call -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs the layer: returns the output (last or sequence) then, with <see cref="ReturnState"/>, the final states.
    /// Keras: <c>layer(sequences, initial_state=…, mask=…, training=…)</c>.
    /// </summary>
    public IReadOnlyList<Tensor> Call(Tensor sequences, IReadOnlyList<Tensor>? initialState = null, Tensor? mask = null, bool training = false) =>
        Invoke([sequences], new CallOptions { InitialState = initialState, Mask = mask, Training = training });

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var info = PrepareCall(inputs[0], options);
        var constants = options.Constants is { Count: > 0 } c ? c : null;
        if (constants is not null && !Cell.TakesConstants)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': constants were passed, but its cell {Cell.KerasClassName} '{Cell.Name}' does not take constants " +
                "(tf.keras: a cell whose call has a `constants` argument; here: override RnnCell.TakesConstants and the Step overload with constants).");
        SequenceResult result;
        try
        {
            // Constants are a generic-loop feature: the fused kernels have no place for them.
            result = constants is null && Cell.TryFuse(info, out _) is { } plan ? plan.Run(info) : Loop(info, constants);
        }
        finally
        {
            Cell.EndSequence();
        }
        return Finish(result);
    }

    /// <summary>
    /// Checks the call's inputs and gathers what either path needs: the <c>[B·T]</c> mask, the initial states (given,
    /// stored or zeros, §2.5 step 1) and the flags. <see cref="Bidirectional"/>'s fused path prepares its directions here too.
    /// </summary>
    internal FusedCallInfo PrepareCall(Tensor x, CallOptions options)
    {
        CheckFeatureShape(x);
        int batch = x.Dims[0], steps = x.Dims[1];
        if (steps == 0) throw new ArgumentException($"{KerasClassName} '{Name}': expected at least one timestep; received input shape {Shapes.Format(x.Dims)}.");
        if (Stateful && StatefulBatchSize is int stored && stored != batch)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': the input batch size {batch} does not match the batch size {stored} the stateful layer was built for. " +
                "A stateful RNN keeps one state per sample index; call it with the same batch size (or build a new layer).");
        var mask = MaskRows(options.Mask, batch, steps);
        var initial = InitialStates(options.InitialState, batch);
        return new FusedCallInfo(x, initial, mask, options.Training, GoBackwards, ReturnSequences, ZeroOutputForMask);
    }

    /// <summary>Exactly SimpleRNN, LSTM, GRU or RNN, whose calls are this class's (a subclass may call differently).</summary>
    internal bool IsBuiltIn => this is SimpleRnn or Lstm or Gru || GetType() == typeof(Rnn);

    /// <summary>Whether this built layer takes samples of <paramref name="sampleShape"/>: <c>[T, D]</c>, <c>T ≥ 1</c>, its feature size.</summary>
    internal bool AcceptsSamples(int[] sampleShape) =>
        Built && sampleShape is [> 0, int features] && BuildInputShape is { Length: 3 } built && built[2] == features;

    /// <summary>
    /// The inference stage: the fused kernel the cell's own predicate (<see cref="RnnCell.TryFuse"/>) picks for an
    /// inference call with zero initial states and no mask; none for a subclass, a stateful layer, returned states or an
    /// activity regularizer, which keep the layer's own call.
    /// </summary>
    internal override InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = !IsBuiltIn ? $"{GetType().Name} is not a built-in recurrent layer"
            : Stateful ? "the layer is stateful"
            : ReturnState ? "the layer returns its states"
            : ActivityRegularizer is not null ? "the layer has an activity regularizer"
            : !AcceptsSamples(sampleShape) ? $"samples of shape {Shapes.Format(sampleShape)} are not the [T, D] it was built for"
            : "";
        if (whyNot.Length > 0) return null;
        // The predicate reads only the rank of the inputs, so a batch of none stands for any batch.
        var call = new FusedCallInfo(Tensor.Empty([0, .. sampleShape]), [], null, Training: false, GoBackwards, ReturnSequences, ZeroOutputForMask);
        if (Cell.TryFuse(call, out whyNot) is not CellSequencePlan plan) return null;
        return new RecurrentStage(sampleShape, plan.Kind, plan.Weights(ZeroOutputForMask), GoBackwards, ReturnSequences);
    }

    /// <summary>Stores the states of a stateful layer and selects the outputs (output or sequence, then states), whichever path ran.</summary>
    private List<Tensor> Finish(SequenceResult result)
    {
        // Stored states never take part in a later call's gradient graph.
        if (Stateful) _states = result.States.Select(s => s.Detach()).ToArray();
        var output = ReturnSequences ? result.Outputs! : result.Last;
        List<Tensor> outputs = [output];
        if (ReturnState) outputs.AddRange(result.States);
        if (ActivityRegularizer is not null)
            foreach (var t in outputs) AddActivityLoss(ActivityRegularizer.Loss(t));
        return outputs;
    }

    /// <summary>The generic recurrence, step by step (§2.5), differentiable through autograd.</summary>
    private SequenceResult Loop(in FusedCallInfo info, IReadOnlyList<Tensor>? constants)
    {
        var stepInputs = SequenceOps.Unstack(info.Inputs);
        int batch = info.Inputs.Dims[0], steps = stepInputs.Length;
        IReadOnlyList<Tensor> states = info.InitialStates;
        var outputs = info.ReturnSequences ? new List<Tensor>(steps) : null;
        Tensor? previous = null, zeros = null;
        var keep = new bool[batch];
        for (int k = 0; k < steps; k++)
        {
            int t = info.GoBackwards ? steps - 1 - k : k;
            var (output, newStates) = constants is null
                ? Cell.Step(stepInputs[t], states, info.Training)
                : Cell.Step(stepInputs[t], states, constants, info.Training);
            if (newStates.Count != states.Count)
                throw new InvalidOperationException(
                    $"{Cell.KerasClassName} '{Cell.Name}': Step returned {newStates.Count} states; its StateSize declares {states.Count}.");
            if (info.Mask is { } mask)
            {
                for (int b = 0; b < batch; b++) keep[b] = mask[b * steps + t];
                zeros ??= Tensor.Zeros(output.Shape);
                var keepStep = (bool[])keep.Clone();
                output = SequenceOps.Select(keepStep, output, info.ZeroOutputForMask ? zeros : previous ?? zeros);
                var held = new Tensor[states.Count];
                for (int i = 0; i < held.Length; i++) held[i] = SequenceOps.Select(keepStep, newStates[i], states[i]);
                newStates = held;
            }
            previous = output;
            states = newStates;
            outputs?.Add(output);
        }
        return new SequenceResult(outputs is null ? null : SequenceOps.Stack(outputs), previous!, states);
    }

    /// <summary>The trailing dimensions must be the ones the layer was built with.</summary>
    private void CheckFeatureShape(Tensor x)
    {
        var built = BuildInputShape!;
        for (int i = 2; i < x.Rank; i++)
            if (built.Length != x.Rank || built[i] is int d && d != x.Dims[i])
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': expected input of shape {InputSpec.Format([null, null, .. built[2..]])} (the feature shape it was built with); received {Shapes.Format(x.Dims)}.");
    }

    /// <summary>The mask as row-major booleans <c>[B·T]</c> (nonzero = valid step), or null.</summary>
    private bool[]? MaskRows(Tensor? mask, int batch, int steps)
    {
        if (mask is null) return null;
        if (mask.Rank != 2 || mask.Dims[0] != batch || mask.Dims[1] != steps)
            throw new ShapeMismatchException(
                $"{KerasClassName} '{Name}': expected a mask of shape [{batch}, {steps}] (batch, timesteps); received {Shapes.Format(mask.Dims)}.");
        var span = mask.AsReadOnlySpan();
        var rows = new bool[span.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = span[i] != 0f;
        return rows;
    }

    /// <summary>Given states (checked), else the stored ones of a stateful layer, else the cell's zeros.</summary>
    private IReadOnlyList<Tensor> InitialStates(IReadOnlyList<Tensor>? given, int batch)
    {
        if (given is null) return _states is { } stored ? stored : Cell.GetInitialState(batch);
        var expected = Cell.GetInitialState(batch);
        if (given.Count != expected.Count)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': initial_state expected {expected.Count} tensor(s) of shape(s) {RnnCell.DescribeShapes(expected)}; " +
                $"received {given.Count}{(given.Count == 0 ? "" : $" of shape(s) {RnnCell.DescribeShapes(given)}")}.");
        for (int i = 0; i < given.Count; i++)
            if (given[i] is null || !given[i].ShapeEquals(expected[i]))
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': initial_state {i} expected shape {Shapes.Format(expected[i].Dims)}; received {(given[i] is null ? "null" : Shapes.Format(given[i].Dims))}.");
        return given;
    }

    // ---- stateful ---------------------------------------------------------------------------------------------

    /// <summary>Sets the stored states to zeros; does nothing on a non-stateful or unbuilt layer (Keras 3 <c>reset_state()</c>).</summary>
    public void ResetStates()
    {
        if (_states is null) return;
        _states = _states.Select(s => Tensor.Zeros(s.Shape)).ToArray();
    }

    /// <summary>Assigns the stored states (tf.keras <c>reset_states(states)</c>): the count and every shape are checked first.</summary>
    public void ResetStates(IReadOnlyList<Tensor> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (!Stateful) throw new InvalidOperationException($"{KerasClassName} '{Name}': Layer must be stateful to reset its states to given values.");
        if (_states is null)
            throw new InvalidOperationException($"{KerasClassName} '{Name}': the layer is not built yet, so its batch size and state shapes are unknown; call or build it first.");
        if (states.Count != _states.Length)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': expected {_states.Length} state(s) of shape(s) {RnnCell.DescribeShapes(_states)}; received {states.Count}.");
        for (int i = 0; i < states.Count; i++)
            if (states[i] is null || !states[i].ShapeEquals(_states[i]))
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': state {i} expected shape {Shapes.Format(_states[i].Dims)}; received {(states[i] is null ? "null" : Shapes.Format(states[i].Dims))}.");
        _states = states.Select(s => s.Clone()).ToArray();
    }

    // ---- shapes and masks -------------------------------------------------------------------------------------

    /// <summary><c>[B, O]</c> or <c>[B, T, O]</c>, then <c>[B, s]</c> per state with <see cref="ReturnState"/>; unknown dims stay null.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        int? batch = inputShape[0];
        int output = Cell.EffectiveOutputSize;
        List<int?[]> shapes = [ReturnSequences ? [batch, inputShape[1], output] : [batch, output]];
        if (ReturnState) shapes.AddRange(Cell.StateSize.Select(s => new int?[] { batch, s }));
        return shapes;
    }

    /// <summary>The input mask with <see cref="ReturnSequences"/>, else none; no mask for the states.</summary>
    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask)
    {
        var masks = new List<Tensor?> { ReturnSequences ? mask : null };
        if (ReturnState) masks.AddRange(Enumerable.Repeat<Tensor?>(null, StateCount));
        return masks;
    }
}
