namespace Recur.Models;

/// <summary>Adam with decoupled weight decay (<c>w ← w − w·wd·lr</c> before each Adam step). Keras: <c>keras.optimizers.AdamW</c>.</summary>
public sealed class AdamW(LearningRateSchedule? learningRate = null, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f,
    float epsilon = 1e-7f, bool amsgrad = false, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null, string name = "adamw")
    : Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm, name);
