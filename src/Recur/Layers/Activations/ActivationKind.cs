namespace Recur.Layers;

/// <summary>The built-in activations; fused kernels dispatch on it, <see cref="Custom"/> always takes the generic path.</summary>
public enum ActivationKind
{
    Linear, Tanh, Sigmoid, HardSigmoid, Relu, Softmax, Elu, Selu, Softplus, Softsign, Silu, Gelu, Exponential,
    LeakyRelu, Relu6, LogSoftmax, Mish, HardSilu, Custom,
}
