namespace Recur.Layers;

/// <summary>1-D convolution: <c>[B, steps, C] → [B, steps', filters]</c>; also takes <c>causal</c> padding. Keras: <c>keras.layers.Conv1D</c>.</summary>
/// <remarks>See <see cref="BaseConv"/> for the computation, weights and data formats.</remarks>
public sealed class Conv1D(
    int filters,
    int[] kernelSize,
    int[]? strides = null,
    Padding padding = Padding.Valid,
    string? dataFormat = null,
    int[]? dilationRate = null,
    int groups = 1,
    ActivationFunction? activation = null,
    bool useBias = true,
    Initializer? kernelInitializer = null,
    Initializer? biasInitializer = null,
    Regularizer? kernelRegularizer = null,
    Regularizer? biasRegularizer = null,
    Regularizer? activityRegularizer = null,
    Constraint? kernelConstraint = null,
    Constraint? biasConstraint = null,
    string? name = null)
    : BaseConv(1, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, name)
{
    public override string KerasClassName => "Conv1D";
}
