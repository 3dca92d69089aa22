namespace Recur.Kernels.Recurrent;

/// <summary>The activations a fused recurrent kernel can apply in its activation or recurrent-activation slot.</summary>
public enum ActivationKind
{
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Logistic sigmoid <c>1 / (1 + e^(−x))</c>.</summary>
    Sigmoid,

    /// <summary>Keras 3 hard sigmoid <c>clip(x/6 + 0.5, 0, 1)</c>.</summary>
    HardSigmoid,

    /// <summary><c>max(x, 0)</c>.</summary>
    Relu,

    /// <summary>Identity.</summary>
    Linear,
}
