using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Base of every layer: Keras naming, build-on-first-call, weights in Keras order, masks, configs.
/// Keras: <c>keras.layers.Layer</c>.
/// </summary>
/// <remarks>
/// Users call <see cref="Apply(Tensor, Tensor?, bool)"/> or <see cref="Invoke"/>; layer authors override
/// <see cref="BuildCore"/> and <see cref="Call"/>. Weight creation order is the file format: own weights first, then
/// those of tracked sub-layers in the order they were tracked.
/// </remarks>
public abstract class Layer
{
    private readonly List<Variable> _ownWeights = [];
    private readonly List<Layer> _children = [];
    private readonly List<SeedGenerator> _seedGenerators = [];
    private readonly List<Tensor> _activityLosses = [];
    private bool _trainable = true;

    /// <summary>Creates the layer with <paramref name="name"/> or an automatic unique snake_case name.</summary>
    protected Layer(string? name = null)
    {
        Name = string.IsNullOrEmpty(name) ? NameScope.Unique(KerasClassName) : name;
    }

    /// <summary>The class name Keras writes in configs (<c>"LSTM"</c>); .NET names live in the type.</summary>
    public abstract string KerasClassName { get; }

    /// <summary>The Keras module written in the serialization envelope.</summary>
    public virtual string KerasModule => "keras.layers";

    /// <summary>The layer's name, unique within its naming scope unless set explicitly.</summary>
    public string Name { get; internal set; }

    /// <summary>
    /// Whether the layer's weights are trained. Setting it propagates to every sub-layer (Keras 3); when false,
    /// <see cref="TrainableWeights"/> is empty and every weight is reported as non-trainable.
    /// </summary>
    public virtual bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var child in _children) child.Trainable = value;
        }
    }

    /// <summary>Sets the flag on this layer only (Keras's <c>trainable=</c> constructor keyword).</summary>
    protected void SetOwnTrainable(bool value) => _trainable = value;

    /// <summary>True once the weights exist.</summary>
    public bool Built { get; private set; }

    /// <summary>Whether the layer passes a mask on to its outputs.</summary>
    public virtual bool SupportsMasking => false;

    /// <summary>What inputs the layer accepts; checked before build and before every call.</summary>
    public InputSpec? InputSpec { get; protected set; }

    /// <summary>The input shape the layer was built with (<c>build_config</c>); null dimensions are unknown.</summary>
    public int?[]? BuildInputShape { get; private set; }

    /// <summary>The legacy <c>input_shape</c>/<c>batch_input_shape</c> keyword: the first layer of a Sequential model uses it.</summary>
    public int?[]? BatchInputShape { get; set; }

    /// <summary>Sub-layers in tracking order.</summary>
    public IReadOnlyList<Layer> Children => _children;

    // ---- weights ----------------------------------------------------------------------------------------------

    /// <summary>All weights: own ones first, then those of sub-layers in tracking order.</summary>
    public IReadOnlyList<Variable> Weights
    {
        get
        {
            var all = new List<Variable>(_ownWeights);
            foreach (var child in _children) all.AddRange(child.Weights);
            return all;
        }
    }

    /// <summary>Weights an optimizer updates; empty when <see cref="Trainable"/> is false.</summary>
    public IReadOnlyList<Variable> TrainableWeights
    {
        get
        {
            if (!Trainable) return [];
            var all = _ownWeights.Where(v => v.Trainable).ToList();
            foreach (var child in _children) all.AddRange(child.TrainableWeights);
            return all;
        }
    }

    /// <summary>Weights that are not trained (all of them when <see cref="Trainable"/> is false).</summary>
    public IReadOnlyList<Variable> NonTrainableWeights
    {
        get
        {
            if (!Trainable) return Weights;
            var all = _ownWeights.Where(v => !v.Trainable).ToList();
            foreach (var child in _children) all.AddRange(child.NonTrainableWeights);
            return all;
        }
    }

    /// <summary>Non-trainable variables: non-trainable weights plus the state of every dropout seed generator.</summary>
    public IReadOnlyList<Variable> NonTrainableVariables
    {
        get
        {
            var all = new List<Variable>(NonTrainableWeights);
            all.AddRange(SeedGenerators.Select(s => s.State));
            return all;
        }
    }

    /// <summary>Dropout random-state owners of this layer and its sub-layers.</summary>
    public IReadOnlyList<SeedGenerator> SeedGenerators
    {
        get
        {
            var all = new List<SeedGenerator>(_seedGenerators);
            foreach (var child in _children) all.AddRange(child.SeedGenerators);
            return all;
        }
    }

    /// <summary>Weights with their Keras paths relative to this layer (<c>forward_lstm/lstm_cell/kernel</c>).</summary>
    public IReadOnlyList<(string Path, Variable Variable)> WeightPaths
    {
        get
        {
            var all = _ownWeights.Select(v => (v.Name, v)).ToList();
            foreach (var child in _children)
                all.AddRange(child.WeightPaths.Select(p => ($"{child.Name}/{p.Path}", p.Variable)));
            return all;
        }
    }

    /// <summary>Number of scalars in all weights.</summary>
    public long CountParams() => Weights.Sum(v => (long)v.Value.Size);

    /// <summary>Copies of the weight values, in <see cref="Weights"/> order. Keras: <c>get_weights()</c>.</summary>
    public IReadOnlyList<Tensor> GetWeights() => Weights.Select(v => v.Value.Clone()).ToList();

    /// <summary>Assigns every weight, in <see cref="Weights"/> order; counts and shapes are checked before anything changes.</summary>
    public virtual void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var own = Weights;
        if (weights.Count != own.Count)
            throw new ArgumentException(
                $"{KerasClassName} '{Name}': SetWeights expected {own.Count} arrays ({DescribeWeights(own)}); received {weights.Count}.");
        for (int i = 0; i < own.Count; i++)
            if (!weights[i].ShapeEquals(own[i].Value))
                throw new ShapeMismatchException(
                    $"{KerasClassName} '{Name}': SetWeights expected weight {i} ('{own[i].Name}') of shape {Shapes.Format(own[i].Value.Dims)}; received {Shapes.Format(weights[i].Dims)}.");
        for (int i = 0; i < own.Count; i++) own[i].Assign(weights[i]);
    }

    private static string DescribeWeights(IReadOnlyList<Variable> vs) =>
        vs.Count == 0 ? "none: the layer may not be built yet" : string.Join(", ", vs.Select(v => $"{v.Name} {Shapes.Format(v.Value.Dims)}"));

    /// <summary>Creates a weight (call from <see cref="BuildCore"/>); the creation order is the Keras weight order.</summary>
    protected Variable AddWeight(string name, int[] shape, Initializer initializer, Regularizer? regularizer = null,
        Constraint? constraint = null, bool trainable = true)
    {
        var v = new Variable(name, initializer.Generate(shape), trainable, regularizer, constraint) { Path = $"{CurrentPath ?? Name}/{name}" };
        _ownWeights.Add(v);
        return v;
    }

    /// <summary>Tracks a sub-layer: its weights follow this layer's own, and trainability propagates to it.</summary>
    protected T Track<T>(T child) where T : Layer
    {
        if (!_children.Contains(child)) _children.Add(child);
        return child;
    }

    /// <summary>Stops tracking a sub-layer (used when a wrapper replaces one).</summary>
    protected void Untrack(Layer child) => _children.Remove(child);

    /// <summary>Creates a dropout seed generator owned by this layer (one non-trainable variable, not a weight).</summary>
    protected SeedGenerator AddSeedGenerator(int? seed)
    {
        var g = new SeedGenerator(seed, $"{Name}/seed_generator_state");
        _seedGenerators.Add(g);
        return g;
    }

    // ---- losses -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Regularization terms: one per configured weight regularizer (this layer and sub-layers), plus the activity
    /// regularization terms of the last call.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var all = new List<Tensor>();
            foreach (var v in _ownWeights)
                if (v.Regularizer is { } r) all.Add(r.Loss(v.Value));
            all.AddRange(_activityLosses);
            foreach (var child in _children) all.AddRange(child.Losses);
            return all;
        }
    }

    /// <summary>Records an activity regularization term for the current call.</summary>
    protected void AddActivityLoss(Tensor loss) => _activityLosses.Add(loss);

    // ---- build ------------------------------------------------------------------------------------------------

    // Keras opens a name scope around build and call, so a sub-layer built inside its parent gets the path
    // parent/child/weight. The scope is the path of the layer whose build or call is running on this flow.
    private static readonly AsyncLocal<string?> PathScope = new();

    private string? CurrentPath => PathScope.Value;

    private string? EnterPathScope()
    {
        var outer = PathScope.Value;
        PathScope.Value = outer is null ? Name : $"{outer}/{Name}";
        return outer;
    }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/> (null = unknown). Does nothing if built.</summary>
    public void Build(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (Built) return;
        InputSpec?.Check($"{KerasClassName} '{Name}'", inputShape);
        int ownBefore = _ownWeights.Count;
        var outer = EnterPathScope();
        try
        {
            BuildCore(inputShape);
        }
        catch
        {
            // Never leave a half-built layer: drop the weights this attempt created.
            _ownWeights.RemoveRange(ownBefore, _ownWeights.Count - ownBefore);
            throw;
        }
        finally
        {
            PathScope.Value = outer;
        }
        BuildInputShape = (int?[])inputShape.Clone();
        Built = true;
    }

    /// <summary>Builds from a concrete shape.</summary>
    public void Build(int[] inputShape) => Build(inputShape.Select(d => (int?)d).ToArray());

    /// <summary>Creates the weights. The default creates none.</summary>
    protected virtual void BuildCore(int?[] inputShape) { }

    /// <summary>Marks a layer built without calling <see cref="BuildCore"/> (wrappers that build their parts themselves).</summary>
    protected void MarkBuilt(int?[] inputShape)
    {
        BuildInputShape = (int?[])inputShape.Clone();
        Built = true;
    }

    // ---- call -------------------------------------------------------------------------------------------------

    /// <summary>Runs the layer on one input and returns its first output (building the layer on first use).</summary>
    public Tensor Apply(Tensor inputs, Tensor? mask = null, bool training = false) =>
        Invoke([inputs], new CallOptions { Mask = mask, Training = training })[0];

    /// <summary>
    /// Runs the layer and returns all outputs in Keras order (e.g. output then states). A mask attached to the first
    /// input by an upstream layer is used when <paramref name="options"/> has none.
    /// </summary>
    public IReadOnlyList<Tensor> Invoke(IReadOnlyList<Tensor> inputs, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException($"{KerasClassName} '{Name}': expected at least one input; received none.");
        options ??= CallOptions.Default;
        if (options.Mask is null && inputs[0].KerasMask is { } carried) options = options with { Mask = carried };
        var shape = inputs[0].Dims.Select(d => (int?)d).ToArray();
        InputSpec?.Check($"{KerasClassName} '{Name}'", shape);
        if (!Built) BuildFromInputs(inputs);
        _activityLosses.Clear();
        IReadOnlyList<Tensor> outputs;
        var outer = EnterPathScope();
        try
        {
            outputs = Call(inputs, options);
        }
        finally
        {
            PathScope.Value = outer;
        }
        if (SupportsMasking)
        {
            var masks = ComputeMask(inputs, options.Mask);
            for (int i = 0; i < outputs.Count && i < masks.Count; i++) outputs[i].KerasMask = masks[i];
        }
        return outputs;
    }

    /// <summary>Builds from the actual inputs; multi-input layers override to use every shape.</summary>
    protected virtual void BuildFromInputs(IReadOnlyList<Tensor> inputs) => Build(inputs[0].Dims);

    /// <summary>The layer's computation. Layers that return one tensor return a one-element list.</summary>
    protected abstract IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options);

    /// <summary>
    /// This built layer's inference call (no mask, no initial state, not training) on samples of
    /// <paramref name="sampleShape"/> (no batch axis) as a stage of an inference plan, or null with the reason when the
    /// layer has none; a layer without one keeps the model on its layer-by-layer path.
    /// </summary>
    internal virtual InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = $"{KerasClassName} '{Name}' has no inference stage";
        return null;
    }

    /// <summary>
    /// Output shapes for an input shape (null = unknown dimension), one per output in Keras order.
    /// </summary>
    public abstract IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape);

    /// <summary>Output masks, one per output; the default passes the input mask to the first output when masking is supported.</summary>
    public virtual IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) =>
        SupportsMasking ? [mask] : [null];

    // ---- config -----------------------------------------------------------------------------------------------

    /// <summary>
    /// The Keras 3 config: <c>name</c>, <c>trainable</c>, <c>dtype</c>, then the layer's own keys (each written once,
    /// in Keras's order, by the subclass).
    /// </summary>
    public virtual JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
        ["dtype"] = DTypePolicy.Float32Config(),
    };

    public override string ToString() => $"<{GetType().Name} name={Name}, built={Built}>";
}
