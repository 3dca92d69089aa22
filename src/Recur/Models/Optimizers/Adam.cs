namespace Recur.Models;

/// <summary>Adam. Keras: <c>keras.optimizers.Adam</c>.</summary>
/// <remarks>At step t: <c>α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)</c>; <c>m ← m + (g − m)(1−β₁)</c>; <c>v ← v + (g² − v)(1−β₂)</c>;
/// amsgrad: <c>v̂ ← max(v̂, v)</c> replaces v; <c>w ← w − m·α/(√v + ε)</c> (Keras's ε outside the root, on the
/// bias-corrected step).</remarks>
public class Adam(LearningRateSchedule? learningRate = null, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
    bool amsgrad = false, float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
    string name = "adam") : Optimizer(learningRate ?? 0.001f, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
{
    public float Beta1 { get; } = beta1;
    public float Beta2 { get; } = beta2;
    public float Epsilon { get; } = epsilon;
    public bool Amsgrad { get; } = amsgrad;

    protected override int SlotCount => Amsgrad ? 3 : 2;

    protected override void UpdateStep(Span<float> w, ReadOnlySpan<float> g, float[][] slots, float lr, long step)
    {
        float alpha = lr * MathF.Sqrt(1f - MathF.Pow(Beta2, step)) / (1f - MathF.Pow(Beta1, step));
        var (m, v) = (slots[0], slots[1]);
        var vHat = Amsgrad ? slots[2] : null;
        for (int i = 0; i < w.Length; i++)
        {
            m[i] += (g[i] - m[i]) * (1f - Beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1f - Beta2);
            float vi = v[i];
            if (vHat is not null) vi = vHat[i] = MathF.Max(vHat[i], v[i]);
            w[i] -= m[i] * alpha / (MathF.Sqrt(vi) + Epsilon);
        }
    }
}
