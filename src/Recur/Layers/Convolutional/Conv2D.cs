namespace Recur.Layers;

/// <summary>2-D convolution: <c>[B, H, W, C] → [B, H', W', filters]</c>. Keras: <c>keras.layers.Conv2D</c>.</summary>
/// <remarks>See <see cref="BaseConv"/> for the computation, weights and data formats.</remarks>
public sealed class Conv2D(
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
    : BaseConv(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer,
        biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, name)
{
    public override string KerasClassName => "Conv2D";
}
