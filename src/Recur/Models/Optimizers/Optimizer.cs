using Recur.Layers;

namespace Recur.Models;

/// <summary>Updates variables from their gradients. Keras: <c>keras.optimizers.Optimizer</c>.</summary>
/// <remarks>
/// One <see cref="Apply"/> = Keras's <c>apply</c>: clip the gradients (<c>clipnorm</c> per gradient, else
/// <c>global_clipnorm</c>, else <c>clipvalue</c>), apply weight decay, run each variable's update step with the learning
/// rate at the current iteration, increment <see cref="Iterations"/>, then project each variable through its constraint.
/// Every variable's <see cref="Variable.Version"/> moves on.
/// </remarks>
public abstract class Optimizer
{
    private readonly Dictionary<Variable, float[][]> _slots = new(ReferenceEqualityComparer.Instance);
    private LearningRateSchedule _learningRate;

    protected Optimizer(LearningRateSchedule learningRate, float? weightDecay, float? clipnorm, float? clipvalue, float? globalClipnorm, string name)
    {
        if (new[] { clipnorm, clipvalue, globalClipnorm }.Count(c => c is not null) > 1)
            throw new ArgumentException($"{name}: only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set.");
        _learningRate = learningRate;
        (WeightDecay, Clipnorm, Clipvalue, GlobalClipnorm, Name) = (weightDecay, clipnorm, clipvalue, globalClipnorm, name);
    }

    public string Name { get; }
    public float? WeightDecay { get; }
    public float? Clipnorm { get; }
    public float? Clipvalue { get; }
    public float? GlobalClipnorm { get; }

    /// <summary>Number of updates applied so far.</summary>
    public long Iterations { get; private set; }

    /// <summary>The learning rate or schedule; assign a float to change it (ReduceLROnPlateau does).</summary>
    public LearningRateSchedule LearningRate
    {
        get => _learningRate;
        set => _learningRate = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The learning rate the next update uses.</summary>
    public float CurrentLearningRate => _learningRate.At(Iterations);

    /// <summary>Scalars held by the optimizer (slots plus the iteration counter), as the summary counts them.</summary>
    public long VariableCount => _slots.Count == 0 ? 0 : 1 + _slots.Values.Sum(s => s.Sum(a => (long)a.Length));

    /// <summary>How many state arrays (each shaped like the variable) an update step needs.</summary>
    protected abstract int SlotCount { get; }

    /// <summary>The starting value of the state arrays (Adagrad starts at its initial accumulator).</summary>
    protected virtual float SlotInitialValue(int slot) => 0f;

    /// <summary>Updates <paramref name="w"/> in place from <paramref name="g"/>; <paramref name="step"/> is the 1-based update number.</summary>
    protected abstract void UpdateStep(Span<float> w, ReadOnlySpan<float> g, float[][] slots, float lr, long step);

    /// <summary>Applies one update to every variable (gradients in the same order; all must be finite to be useful).</summary>
    public void Apply(IReadOnlyList<Tensor> gradients, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(variables);
        if (gradients.Count != variables.Count)
            throw new ArgumentException($"{Name}: expected one gradient per variable ({variables.Count}); received {gradients.Count}.");
        for (int i = 0; i < variables.Count; i++)
            if (!gradients[i].ShapeEquals(variables[i].Value))
                throw new ShapeMismatchException(Name, $"the gradient of '{variables[i].Path}'", variables[i].Shape, gradients[i].Shape);
        var grads = GradientClipping.Clip(gradients.Select(g => g.ToArray()).ToList(), Clipnorm, Clipvalue, GlobalClipnorm);
        float lr = CurrentLearningRate;
        if (WeightDecay is float wd && wd != 0f)
            foreach (var v in variables)
            {
                var w = v.Value.AsSpan();
                for (int i = 0; i < w.Length; i++) w[i] -= w[i] * wd * lr;
            }
        for (int i = 0; i < variables.Count; i++)
            UpdateStep(variables[i].Value.AsSpan(), grads[i], SlotsOf(variables[i]), lr, Iterations + 1);
        Iterations++;
        foreach (var v in variables)
        {
            if (v.Constraint is { } c)
            {
                using var _ = Autograd.NoGrad();
                c.Apply(v.Value).AsReadOnlySpan().CopyTo(v.Value.AsSpan());
            }
            v.MarkChanged();
        }
    }

    private float[][] SlotsOf(Variable v)
    {
        if (_slots.TryGetValue(v, out var s)) return s;
        s = new float[SlotCount][];
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = new float[v.Value.Size];
            Array.Fill(s[i], SlotInitialValue(i));
        }
        _slots[v] = s;
        return s;
    }

    /// <summary>Looks up an optimizer by Keras name with its defaults.</summary>
    public static Optimizer Get(string name) => name.ToLowerInvariant() switch
    {
        "sgd" => new Sgd(),
        "rmsprop" => new RmsProp(),
        "adam" => new Adam(),
        "adamw" => new AdamW(),
        "adagrad" => new Adagrad(),
        _ => throw new ArgumentException($"Unknown optimizer '{name}'. Known: sgd, rmsprop, adam, adamw, adagrad."),
    };

    public static implicit operator Optimizer(string name) => Get(name);

    public override string ToString() => Name;
}
