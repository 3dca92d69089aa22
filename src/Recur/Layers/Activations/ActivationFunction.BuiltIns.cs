using System.Numerics.Tensors;

namespace Recur.Layers;

// The built-ins beyond the five the recurrent layers use by default. They live in a nested class so that they are
// created after the outer class's name table exists (the order of static initializers across partial files is
// unspecified), and on first use rather than at start-up.
public sealed partial class ActivationFunction
{
    /// <summary>Softmax over the last axis. Keras: <c>keras.activations.softmax</c>.</summary>
    /// <remarks><c>exp(x − max) / Σ exp(x − max)</c> along axis −1.</remarks>
    public static ActivationFunction Softmax => More.Softmax;

    /// <summary>Log-softmax over the last axis. Keras: <c>keras.activations.log_softmax</c>.</summary>
    /// <remarks><c>(x − max) − log Σ exp(x − max)</c> along axis −1.</remarks>
    public static ActivationFunction LogSoftmax => More.LogSoftmax;

    /// <summary>Exponential linear unit with α = 1. Keras: <c>keras.activations.elu</c>.</summary>
    /// <remarks><c>x</c> if <c>x &gt; 0</c>, else <c>α(eˣ − 1)</c>.</remarks>
    public static ActivationFunction Elu => More.Elu;

    /// <summary>Scaled ELU. Keras: <c>keras.activations.selu</c>.</summary>
    /// <remarks><c>scale · elu(x, α)</c> with α = 1.6732632423543772, scale = 1.0507009873554805.</remarks>
    public static ActivationFunction Selu => More.Selu;

    /// <summary>Softplus. Keras: <c>keras.activations.softplus</c>.</summary>
    /// <remarks><c>log(eˣ + 1)</c>.</remarks>
    public static ActivationFunction Softplus => More.Softplus;

    /// <summary>Softsign. Keras: <c>keras.activations.softsign</c>.</summary>
    /// <remarks><c>x / (|x| + 1)</c>.</remarks>
    public static ActivationFunction Softsign => More.Softsign;

    /// <summary>SiLU, also named swish (configs write <c>"silu"</c>). Keras: <c>keras.activations.silu</c>.</summary>
    /// <remarks><c>x · σ(x)</c>.</remarks>
    public static ActivationFunction Silu => More.Silu;

    /// <summary>Exact GELU (Keras's default <c>approximate=False</c>). Keras: <c>keras.activations.gelu</c>.</summary>
    /// <remarks><c>0.5 · x · (1 + erf(x / √2))</c>.</remarks>
    public static ActivationFunction Gelu => More.Gelu;

    /// <summary>Exponential. Keras: <c>keras.activations.exponential</c>.</summary>
    /// <remarks><c>eˣ</c>.</remarks>
    public static ActivationFunction Exponential => More.Exponential;

    /// <summary>Leaky ReLU with Keras 3's default slope 0.2. Keras: <c>keras.activations.leaky_relu</c>.</summary>
    /// <remarks><c>x</c> if <c>x ≥ 0</c>, else <c>0.2 · x</c>.</remarks>
    public static ActivationFunction LeakyRelu => More.LeakyRelu;

    /// <summary>ReLU capped at 6. Keras: <c>keras.activations.relu6</c>.</summary>
    /// <remarks><c>min(max(x, 0), 6)</c>.</remarks>
    public static ActivationFunction Relu6 => More.Relu6;

    /// <summary>Mish. Keras: <c>keras.activations.mish</c>.</summary>
    /// <remarks><c>x · tanh(softplus(x))</c>.</remarks>
    public static ActivationFunction Mish => More.Mish;

    /// <summary>Hard SiLU, also named hard_swish (configs write <c>"hard_silu"</c>). Keras: <c>keras.activations.hard_silu</c>.</summary>
    /// <remarks><c>x · clip(x/6 + 0.5, 0, 1)</c>.</remarks>
    public static ActivationFunction HardSilu => More.HardSilu;

    /// <summary>
    /// The Keras 1/2 and tf.keras hard sigmoid, which Keras 2 configs name <c>"hard_sigmoid"</c>; Recur writes it as
    /// <c>"hard_sigmoid_legacy"</c> so that it never silently turns into the Keras 3 function. Not a Keras 3 built-in.
    /// </summary>
    /// <remarks><c>clip(0.2x + 0.5, 0, 1)</c>.</remarks>
    public static ActivationFunction HardSigmoidLegacy => More.HardSigmoidLegacy;

    static partial void RegisterMoreBuiltIns() => More.EnsureCreated();

    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;
    private const float LeakyReluSlope = 0.2f;

    /// <summary>Keras's <c>elu</c>: <c>relu(x) + α(e^(x·n) − 1)·n</c> with the constant mask <c>n = [x &lt; 0]</c>.</summary>
    /// <remarks>
    /// The mask zeroes the exponential branch exactly for x ≥ 0, where <c>e⁰ − 1</c> need not be 0 (the vectorized exp
    /// returns 1 + 1 ulp at 0); its derivative <c>α·eˣ·n</c> is the elu derivative on the negative side.
    /// </remarks>
    private static Tensor EluOf(Tensor x, float alpha)
    {
        var negative = new Tensor(x.AsReadOnlySpan().ToArray().Select(v => v < 0 ? 1f : 0f).ToArray(), x.Shape);
        return Ops.Relu(x) + (Ops.Exp(x * negative) - 1f) * negative * alpha;
    }

    /// <summary>The last-axis maximum, kept as a size-1 axis and outside the gradient graph.</summary>
    /// <remarks>Softmax is shift-invariant, so subtracting a constant changes no value or gradient; it only prevents overflow.</remarks>
    private static Tensor LastAxisMax(Tensor x)
    {
        if (x.Rank == 0) throw new ArgumentException("softmax: expected a tensor of rank 1 or more; received a scalar.", nameof(x));
        int n = x.Dims[^1];
        int rows = n == 0 ? 0 : x.Size / n;
        var m = new float[rows];
        var xs = x.AsReadOnlySpan();
        for (int r = 0; r < rows; r++) m[r] = Shift(xs.Slice(r * n, n));
        return new Tensor(m, [.. x.Dims[..^1], 1]);
    }

    /// <summary>The row's maximum, the shift softmax subtracts.</summary>
    private static float Shift(ReadOnlySpan<float> row)
    {
        float best = float.NegativeInfinity;
        foreach (float v in row) best = Math.Max(best, v);
        // An all −∞ row would give (−∞) − (−∞) = NaN; shifting by 0 lets it come out as 0/0 like Keras's NaN row anyway.
        return float.IsNegativeInfinity(best) ? 0f : best;
    }

    private static Tensor SoftmaxLastAxis(Tensor x)
    {
        var e = Ops.Exp(x - LastAxisMax(x));
        return e / Ops.Sum(e, -1, keepDims: true);
    }

    /// <summary>
    /// <see cref="SoftmaxLastAxis(Tensor)"/> on spans, step for step: shift each row, one exp over all values (as
    /// <see cref="Ops.Exp(Tensor)"/> runs it, so every value takes the same vector path), then divide each row by its sum.
    /// </summary>
    private static void SoftmaxLastAxis(ReadOnlySpan<float> x, Span<float> y, int n)
    {
        int rows = n == 0 ? 0 : x.Length / n;
        for (int r = 0; r < rows; r++) TensorPrimitives.Subtract(x.Slice(r * n, n), Shift(x.Slice(r * n, n)), y.Slice(r * n, n));
        Ops.Exp(y[..(rows * n)], y);
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * n, n);
            // Ops.Sum reduces a row with TensorPrimitives.Sum (then adds it to 0, which changes no sum of exponentials).
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }

    private static Tensor LogSoftmaxLastAxis(Tensor x)
    {
        var shifted = x - LastAxisMax(x);
        return shifted - Ops.Log(Ops.Sum(Ops.Exp(shifted), -1, keepDims: true));
    }

    private static class More
    {
        public static readonly ActivationFunction Softmax = Add("softmax", ActivationKind.Softmax, SoftmaxLastAxis, SoftmaxLastAxis);
        public static readonly ActivationFunction LogSoftmax = Add("log_softmax", ActivationKind.LogSoftmax, LogSoftmaxLastAxis);
        public static readonly ActivationFunction Elu = Add("elu", ActivationKind.Elu, x => EluOf(x, 1f));
        public static readonly ActivationFunction Selu = Add("selu", ActivationKind.Selu, x => EluOf(x, (float)SeluAlpha) * (float)SeluScale);
        public static readonly ActivationFunction Softplus = Add("softplus", ActivationKind.Softplus, Ops.Softplus);
        public static readonly ActivationFunction Softsign = Add("softsign", ActivationKind.Softsign, x => x / (Ops.Abs(x) + 1f));
        public static readonly ActivationFunction Silu = Add("silu", ActivationKind.Silu, x => x * Ops.Sigmoid(x));
        public static readonly ActivationFunction Gelu = Add("gelu", ActivationKind.Gelu, x => x * 0.5f * (Ops.Erf(x / (float)Math.Sqrt(2)) + 1f));
        public static readonly ActivationFunction Exponential = Add("exponential", ActivationKind.Exponential, Ops.Exp);
        public static readonly ActivationFunction LeakyRelu = Add("leaky_relu", ActivationKind.LeakyRelu, x => Ops.Relu(x) - Ops.Relu(-x) * LeakyReluSlope);
        public static readonly ActivationFunction Relu6 = Add("relu6", ActivationKind.Relu6, Ops.Relu6);
        public static readonly ActivationFunction Mish = Add("mish", ActivationKind.Mish, x => x * Ops.Tanh(Ops.Softplus(x)));
        public static readonly ActivationFunction HardSilu = Add("hard_silu", ActivationKind.HardSilu, x => x * Ops.HardSigmoid(x));
        public static readonly ActivationFunction HardSigmoidLegacy = Add("hard_sigmoid_legacy", ActivationKind.HardSigmoidLegacy, Ops.HardSigmoidLegacy);

        // Keras 3 resolves these aliases to the same functions and serializes them under the canonical names.
        static More()
        {
            lock (ByName)
            {
                ByName["swish"] = Silu;
                ByName["hard_swish"] = HardSilu;
            }
        }

        public static void EnsureCreated() { }
    }
}
