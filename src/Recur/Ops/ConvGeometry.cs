namespace Recur;

/// <summary>
/// The index arithmetic of a channels-last convolution or pooling window over 1 to 3 spatial axes, normalised to three
/// axes (missing leading axes have size 1, window 1, stride 1, no padding) so one loop nest serves every rank.
/// </summary>
/// <remarks>
/// Per axis with input <c>n</c>, window <c>k</c>, stride <c>s</c>, dilation <c>d</c> and effective window <c>e = (k−1)·d + 1</c>:
/// <code>
/// valid:  out = floor((n − e) / s) + 1,   before = 0
/// same:   out = ceil(n / s),              before = floor(max((out−1)·s + e − n, 0) / 2)   (the rest goes after)
/// causal: out = ceil(n / s),              before = e − 1
/// </code>
/// Output position <c>o</c>, window tap <c>j</c> reads input position <c>o·s − before + j·d</c> (outside = padding).
/// </remarks>
internal sealed class ConvGeometry
{
    public ConvGeometry(string op, int[] inputDims, int[] window, int[]? strides, int[]? dilation, Padding padding)
    {
        int rank = inputDims.Length - 2;
        if (rank is < 1 or > 3)
            throw new ShapeMismatchException(op, "an input [batch, *spatial (1 to 3 axes), channels]", inputDims);
        Rank = rank;
        strides ??= Ones(rank);
        dilation ??= Ones(rank);
        CheckTuple(op, "window", window, rank);
        CheckTuple(op, "strides", strides, rank);
        CheckTuple(op, "dilation", dilation, rank);
        if (padding == Padding.Causal && rank != 1)
            throw new ArgumentException($"{op}: causal padding is only defined for one spatial axis; received {rank}.", nameof(padding));
        Batch = inputDims[0];
        Channels = inputDims[^1];
        int shift = 3 - rank;
        for (int a = 0; a < 3; a++)
        {
            In[a] = K[a] = S[a] = D[a] = Out[a] = 1;
        }
        for (int a = 0; a < rank; a++)
        {
            int i = a + shift;
            In[i] = inputDims[1 + a];
            K[i] = window[a];
            S[i] = strides[a];
            D[i] = dilation[a];
            Out[i] = OutputLength(In[i], K[i], S[i], D[i], padding)
                ?? throw new ShapeMismatchException(
                    $"{op}: the window {Shapes.Format(window)} with dilation {Shapes.Format(dilation)} does not fit input {Shapes.Format(inputDims)} (spatial axis {a} has {In[i]}) with '{padding.ToString().ToLowerInvariant()}' padding; every output size must be positive.");
            Pad[i] = PadBefore(In[i], Out[i], K[i], S[i], D[i], padding);
        }
        OutputDims = [Batch, .. Out[shift..], 0];
    }

    public int Rank { get; }
    public int Batch { get; }
    public int Channels { get; }
    public int[] In { get; } = new int[3];
    public int[] K { get; } = new int[3];
    public int[] S { get; } = new int[3];
    public int[] D { get; } = new int[3];
    public int[] Out { get; } = new int[3];
    public int[] Pad { get; } = new int[3];

    /// <summary><c>[B, *out, 0]</c>: the caller fills in the last axis (filters or channels).</summary>
    public int[] OutputDims { get; }

    /// <summary>Output positions per sample.</summary>
    public int Positions => Out[0] * Out[1] * Out[2];

    /// <summary>Window taps (without channels).</summary>
    public int Taps => K[0] * K[1] * K[2];

    /// <summary>Input positions per sample.</summary>
    public int InputPositions => In[0] * In[1] * In[2];

    /// <summary>True when every window is one input position (1×1 window, stride 1, no padding): the patches are the input.</summary>
    public bool IsPointwise => Taps == 1 && S[0] == 1 && S[1] == 1 && S[2] == 1 && Pad[0] == 0 && Pad[1] == 0 && Pad[2] == 0;

    /// <summary>The output length of one axis, or null when it would not be positive; an unknown input stays unknown.</summary>
    public static int? OutputLength(int n, int k, int s, int d, Padding padding)
    {
        int effective = (k - 1) * d + 1;
        int length = padding == Padding.Valid
            ? (n - effective >= 0 ? (n - effective) / s + 1 : 0)
            : (n + s - 1) / s;
        return length > 0 ? length : null;
    }

    /// <summary>Padding before the first input position of one axis.</summary>
    public static int PadBefore(int n, int outLength, int k, int s, int d, Padding padding)
    {
        int effective = (k - 1) * d + 1;
        return padding switch
        {
            Padding.Same => Math.Max((outLength - 1) * s + effective - n, 0) / 2,
            Padding.Causal => effective - 1,
            _ => 0,
        };
    }

    private static int[] Ones(int rank)
    {
        var a = new int[rank];
        Array.Fill(a, 1);
        return a;
    }

    private static void CheckTuple(string op, string name, int[] values, int rank)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != rank || values.Any(v => v <= 0))
            throw new ArgumentException($"{op}: expected {name} of {rank} positive integer(s) (one per spatial axis); received {Shapes.Format(values)}.", name);
    }
}
