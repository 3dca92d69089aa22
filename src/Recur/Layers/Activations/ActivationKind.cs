namespace Recur.Layers;

/// <summary>The built-in activations; fused kernels dispatch on it, <see cref="Custom"/> always takes the generic path.</summary>
public enum ActivationKind
{
    Linear, Tanh, Sigmoid, HardSigmoid, Relu, Softmax, Elu, Selu, Softplus, Softsign, Silu, Gelu, Exponential,
    LeakyRelu, Relu6, LogSoftmax, Mish, HardSilu,

    /// <summary>Keras 1/2 and tf.keras <c>clip(0.2x + 0.5)</c>; the fused kernels implement only the Keras 3 form.</summary>
    HardSigmoidLegacy,

    Custom,
}
