namespace Recur.Models;

/// <summary>RMSprop. Keras: <c>keras.optimizers.RMSprop</c>.</summary>
/// <remarks><c>v ← ρ·v + (1−ρ)·g²</c>; centered: <c>ḡ ← ρ·ḡ + (1−ρ)·g</c>, denominator <c>v − ḡ² + ε</c>, else <c>v + ε</c>
/// (ε inside the root); <c>Δ = lr·g/√denominator</c>; with momentum <c>m ← momentum·m + Δ</c>, <c>w ← w − m</c>, else
/// <c>w ← w − Δ</c>.</remarks>
public sealed class RmsProp(LearningRateSchedule? learningRate = null, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f,
    bool centered = false, float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
    string name = "rmsprop") : Optimizer(learningRate ?? 0.001f, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
{
    public float Rho { get; } = rho;
    public float Momentum { get; } = momentum;
    public float Epsilon { get; } = epsilon;
    public bool Centered { get; } = centered;

    // Slots: velocity, then momentum (if any), then the average gradient (if centered).
    protected override int SlotCount => 1 + (Momentum > 0f ? 1 : 0) + (Centered ? 1 : 0);

    protected override void UpdateStep(Span<float> w, ReadOnlySpan<float> g, float[][] slots, float lr, long step)
    {
        var v = slots[0];
        var m = Momentum > 0f ? slots[1] : null;
        var avg = Centered ? slots[^1] : null;
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = Rho * v[i] + (1f - Rho) * (g[i] * g[i]);
            float denominator;
            if (avg is not null)
            {
                avg[i] = Rho * avg[i] + (1f - Rho) * g[i];
                denominator = v[i] - avg[i] * avg[i] + Epsilon;
            }
            else denominator = v[i] + Epsilon;
            float increment = lr * g[i] / MathF.Sqrt(denominator);
            if (m is not null)
            {
                m[i] = Momentum * m[i] + increment;
                w[i] -= m[i];
            }
            else w[i] -= increment;
        }
    }
}
