namespace Recur;

/// <summary>How a convolution or pooling window treats the borders. Keras: the <c>padding</c> argument.</summary>
public enum Padding
{
    /// <summary>No padding: only windows that lie entirely inside the input; output <c>floor((n − ((k−1)·d + 1)) / s) + 1</c>.</summary>
    Valid,

    /// <summary>Zero padding so that the output is <c>ceil(n / s)</c>; the total padding is split floor/ceil before/after (TensorFlow's rule).</summary>
    Same,

    /// <summary>1-D only: <c>(k−1)·d</c> zeros before the input, none after, so output <c>t</c> never sees inputs after <c>t</c>.</summary>
    Causal,
}
