namespace Recur.Models;

/// <summary>Adagrad. Keras: <c>keras.optimizers.Adagrad</c>.</summary>
/// <remarks><c>a ← a + g²</c> (a starts at <c>initial_accumulator_value</c>); <c>w ← w − lr·g/√(a + ε)</c>.</remarks>
public sealed class Adagrad(LearningRateSchedule? learningRate = null, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f,
    float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null, string name = "adagrad")
    : Optimizer(learningRate ?? 0.001f, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
{
    public float InitialAccumulatorValue { get; } = initialAccumulatorValue;
    public float Epsilon { get; } = epsilon;

    protected override int SlotCount => 1;

    protected override float SlotInitialValue(int slot) => InitialAccumulatorValue;

    protected override void UpdateStep(Span<float> w, ReadOnlySpan<float> g, float[][] slots, float lr, long step)
    {
        var a = slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            a[i] += g[i] * g[i];
            w[i] -= lr * g[i] / MathF.Sqrt(a[i] + Epsilon);
        }
    }
}
