namespace Recur.Layers;

/// <summary>
/// One step of a recurrence: the unit an <see cref="Rnn"/> layer loops over time. Subclass it to write a custom cell:
/// declare the state sizes and compose the step from differentiable <see cref="Ops"/>; autograd gives the backward.
/// Keras: a cell passed to <c>keras.layers.RNN</c>.
/// </summary>
/// <example>
/// A minimal cell, <c>h_t = tanh(x_t·W + h_{t−1}·U)</c>:
/// <code>
/// public sealed class MinimalCell(int units) : RnnCell
/// {
///     private Variable _w = null!, _u = null!;
///     public override string KerasClassName => "MinimalCell";
///     public override IReadOnlyList&lt;int&gt; StateSize => [units];
///     protected override void BuildCore(int?[] inputShape)
///     {
///         _w = AddWeight("kernel", [inputShape[^1]!.Value, units], "glorot_uniform");
///         _u = AddWeight("recurrent_kernel", [units, units], "orthogonal");
///     }
///     public override (Tensor, IReadOnlyList&lt;Tensor&gt;) Step(Tensor x, IReadOnlyList&lt;Tensor&gt; states, bool training)
///     {
///         var h = Ops.Tanh(Ops.MatMul(x, _w) + Ops.MatMul(states[0], _u));
///         return (h, [h]);
///     }
/// }
/// // var layer = new Rnn(new MinimalCell(8), returnSequences: true);
/// // KerasRegistry.RegisterLayer&lt;MinimalCell&gt;("MinimalCell");   // so configs that name it deserialize
/// </code>
/// </example>
public abstract class RnnCell : Layer
{
    /// <summary>Creates the cell with <paramref name="name"/> or an automatic one.</summary>
    protected RnnCell(string? name = null) : base(name) { }

    /// <summary>Size of each state tensor <c>[B, size]</c>, in the order <see cref="Step(Tensor, IReadOnlyList{Tensor}, bool)"/> receives and returns them.</summary>
    public abstract IReadOnlyList<int> StateSize { get; }

    /// <summary>
    /// Whether Keras sees the state size as a list rather than a single int. It decides how a stack of cells returns this
    /// cell's states: a bare tensor (false) or a list (true). Defaults to "more than one state".
    /// </summary>
    public virtual bool StateSizeIsList => StateSize.Count != 1;

    /// <summary>Feature size of the step output; null means the first state size (Keras: no <c>output_size</c>).</summary>
    public virtual int? OutputSize => null;

    /// <summary>The output size the layer uses: <see cref="OutputSize"/> or the first state size.</summary>
    public int EffectiveOutputSize => OutputSize ?? StateSize[0];

    /// <summary>How the states nest when returned (one bare entry per state, unless a stack groups them per cell).</summary>
    public virtual IReadOnlyList<StateGroup> StateGroups => Enumerable.Range(0, StateSize.Count).Select(i => new StateGroup(i, 1, false)).ToList();

    /// <summary>The states a sequence starts from when none are given: zeros <c>[B, size]</c> for each state size.</summary>
    public virtual IReadOnlyList<Tensor> GetInitialState(int batchSize) => StateSize.Select(s => Tensor.Zeros(batchSize, s)).ToList();

    /// <summary>
    /// One time step: the new output and states from the step input <c>[B, …]</c> and the previous states (same count
    /// and order as <see cref="StateSize"/>). <paramref name="training"/> enables dropout.
    /// </summary>
    public abstract (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training);

    /// <summary>Whether <see cref="Step(Tensor, IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, bool)"/> takes tf.keras constants.</summary>
    public virtual bool TakesConstants => false;

    /// <summary>
    /// One step with tf.keras <c>constants</c>: tensors passed unchanged to every step (e.g. an attention context).
    /// Cells that use them override this and <see cref="TakesConstants"/>.
    /// </summary>
    public virtual (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states,
        IReadOnlyList<Tensor> constants, bool training) =>
        throw new ArgumentException($"{KerasClassName} '{Name}' does not take constants; override RnnCell.TakesConstants and this Step overload.");

    /// <summary>
    /// Called by <see cref="Rnn"/> once a call's last step is done: forget per-call randomness (dropout masks), so the
    /// next call samples new ones.
    /// </summary>
    public virtual void EndSequence()
    {
        foreach (var child in Children.OfType<RnnCell>()) child.EndSequence();
    }

    /// <summary>
    /// The whole-sequence fused plan for this call, or null with the reason the generic loop runs. All preconditions of
    /// the fast path live in this one predicate.
    /// </summary>
    internal virtual FusedPlan? TryFuse(in FusedCallInfo info, out string whyNot)
    {
        whyNot = "no fused kernel for this cell";
        return null;
    }

    /// <summary>Runs one step, building the cell from the input shape first if needed. Keras: <c>cell(inputs, states, training)</c>.</summary>
    public (Tensor Output, IReadOnlyList<Tensor> States) Invoke(Tensor input, IReadOnlyList<Tensor> states, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(states);
        var outputs = Invoke([input, .. states], new CallOptions { Training = training });
        return (outputs[0], outputs.Skip(1).ToList());
    }

    /// <summary>Layer form of a step: inputs <c>[x, state…]</c>, outputs <c>[output, newState…]</c>.</summary>
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var states = inputs.Skip(1).ToList();
        CheckStates(states, inputs[0].Dims[0], "states");
        var (output, newStates) = Step(inputs[0], states, options.Training);
        return [output, .. newStates];
    }

    /// <summary>Throws unless <paramref name="states"/> match <see cref="StateSize"/> for batch <paramref name="batch"/>.</summary>
    internal void CheckStates(IReadOnlyList<Tensor> states, int batch, string what)
    {
        var expected = GetInitialState(batch);
        if (states.Count != expected.Count)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': expected {expected.Count} {what} ({DescribeShapes(expected)}); received {states.Count}" +
                (states.Count == 0 ? "." : $" ({DescribeShapes(states)})."));
        for (int i = 0; i < states.Count; i++)
            if (!states[i].ShapeEquals(expected[i]))
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': expected {what} {i} of shape {Shapes.Format(expected[i].Dims)}; received {Shapes.Format(states[i].Dims)}.");
    }

    internal static string DescribeShapes(IEnumerable<Tensor> ts) => string.Join(", ", ts.Select(t => Shapes.Format(t.Dims)));

    /// <summary>Output <c>[B, output]</c> then one <c>[B, size]</c> per state.</summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) =>
        [[inputShape[0], EffectiveOutputSize], .. StateSize.Select(s => new int?[] { inputShape[0], s })];

    /// <summary>Throws the Keras error for a non-positive <c>units</c>.</summary>
    protected internal static int PositiveUnits(int units, string className, string argument = "units") =>
        units > 0 ? units
            : throw new ArgumentException($"{className}: received an invalid value for argument `{argument}`, expected a positive integer, got {units}.", argument);
}

/// <summary>
/// Where a block of returned states sits in the flat state list and whether Keras returns it as a nested list
/// (a stacked cell with a list state size) or as a bare tensor.
/// </summary>
public sealed record StateGroup(int Start, int Count, bool IsList);
