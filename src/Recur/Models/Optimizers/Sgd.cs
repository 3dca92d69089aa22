namespace Recur.Models;

/// <summary>Stochastic gradient descent with optional (Nesterov) momentum. Keras: <c>keras.optimizers.SGD</c>.</summary>
/// <remarks>Without momentum <c>w ← w − lr·g</c>. With momentum μ: <c>m ← μ·m − lr·g</c>; <c>w ← w + m</c>, or Nesterov
/// <c>w ← w + μ·m − lr·g</c> (with the new m).</remarks>
public sealed class Sgd(LearningRateSchedule? learningRate = null, float momentum = 0f, bool nesterov = false, float? weightDecay = null,
    float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null, string name = "SGD")
    : Optimizer(learningRate ?? 0.01f, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
{
    public float Momentum { get; } = momentum is >= 0f and <= 1f ? momentum
        : throw new ArgumentOutOfRangeException(nameof(momentum), $"SGD: `momentum` must be a float between [0, 1]; received momentum={momentum}.");
    public bool Nesterov { get; } = nesterov;

    protected override int SlotCount => Momentum != 0f ? 1 : 0;

    protected override void UpdateStep(Span<float> w, ReadOnlySpan<float> g, float[][] slots, float lr, long step)
    {
        if (Momentum == 0f)
        {
            for (int i = 0; i < w.Length; i++) w[i] -= g[i] * lr;
            return;
        }
        var m = slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = -g[i] * lr + m[i] * Momentum;
            w[i] += Nesterov ? -g[i] * lr + m[i] * Momentum : m[i];
        }
    }
}
