namespace Recur.Layers;

/// <summary>
/// A cell with Keras's variational dropout: one input mask set and one recurrent mask set, sampled on the first step of
/// a call, reused at every step, and forgotten when the call ends. Keras: <c>DropoutRNNCell</c>.
/// </summary>
/// <remarks>
/// The cell owns one <see cref="SeedGenerator"/> from construction on (one non-trainable variable, not a weight).
/// Masks are inverted dropout of ones: kept entries are <c>1/(1−rate)</c>, dropped ones 0; a rate of 1 drops everything.
/// They are only sampled when training, since only then are they applied.
/// </remarks>
public abstract class DropoutRnnCell : RnnCell
{
    private Tensor[]? _inputMasks;
    private Tensor[]? _recurrentMasks;

    /// <summary>Clips both rates to [0, 1] and creates the seed generator.</summary>
    protected DropoutRnnCell(float dropout, float recurrentDropout, int? seed, string? name) : base(name)
    {
        Dropout = Math.Clamp(dropout, 0f, 1f);
        RecurrentDropout = Math.Clamp(recurrentDropout, 0f, 1f);
        Seed = seed;
        Generator = AddSeedGenerator(seed);
    }

    /// <summary>Fraction of the input units dropped (clipped to [0, 1]).</summary>
    public float Dropout { get; }

    /// <summary>Fraction of the recurrent-state units dropped in the recurrent products (clipped to [0, 1]).</summary>
    public float RecurrentDropout { get; }

    /// <summary>Seed of the mask stream; null draws one.</summary>
    public int? Seed { get; }

    /// <summary>The random stream masks are drawn from.</summary>
    protected SeedGenerator Generator { get; }

    /// <summary><paramref name="count"/> input masks shaped like <paramref name="input"/>, or null when not training or the rate is 0.</summary>
    protected Tensor[]? InputMasks(Tensor input, bool training, int count = 1) =>
        training && Dropout > 0 ? _inputMasks ??= Sample(Dropout, input.Dims, count) : null;

    /// <summary><paramref name="count"/> recurrent masks shaped like <paramref name="state"/>, or null when not training or the rate is 0.</summary>
    protected Tensor[]? RecurrentMasks(Tensor state, bool training, int count = 1) =>
        training && RecurrentDropout > 0 ? _recurrentMasks ??= Sample(RecurrentDropout, state.Dims, count) : null;

    /// <inheritdoc/>
    public override void EndSequence()
    {
        _inputMasks = null;
        _recurrentMasks = null;
        base.EndSequence();
    }

    private Tensor[] Sample(float rate, int[] shape, int count)
    {
        var masks = new Tensor[count];
        float kept = rate >= 1f ? 0f : 1f / (1f - rate);
        for (int k = 0; k < count; k++)
        {
            var m = Tensor.Empty(shape);
            var span = m.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = Generator.NextUniform() >= rate ? kept : 0f;
            masks[k] = m;
        }
        return masks;
    }
}
