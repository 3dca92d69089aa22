namespace Recur.Models;

/// <summary>A learning rate as a function of the optimizer step. Keras: <c>keras.optimizers.schedules.LearningRateSchedule</c>.
/// A float converts implicitly to a constant schedule.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate at step <paramref name="step"/> (the optimizer's iteration count before the update).</summary>
    public abstract float At(long step);

    public static implicit operator LearningRateSchedule(float rate) => new ConstantLearningRate(rate);
}

/// <summary>A fixed learning rate (what a float means).</summary>
public sealed class ConstantLearningRate(float rate) : LearningRateSchedule
{
    public float Rate { get; } = rate;

    public override float At(long step) => Rate;
}

/// <summary><c>lr = initial · rate^(step / decay_steps)</c> (the exponent floored when <c>staircase</c>).
/// Keras: <c>keras.optimizers.schedules.ExponentialDecay</c>.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, bool staircase = false)
    {
        if (decaySteps <= 0) throw new ArgumentOutOfRangeException(nameof(decaySteps), $"ExponentialDecay: decay_steps must be positive; received {decaySteps}.");
        (InitialLearningRate, DecaySteps, DecayRate, Staircase) = (initialLearningRate, decaySteps, decayRate, staircase);
    }

    public float InitialLearningRate { get; }
    public int DecaySteps { get; }
    public float DecayRate { get; }
    public bool Staircase { get; }

    public override float At(long step)
    {
        float p = (float)step / DecaySteps;
        if (Staircase) p = MathF.Floor(p);
        return InitialLearningRate * MathF.Pow(DecayRate, p);
    }
}
