namespace Recur;

/// <summary>Controls gradient recording: the no-grad scope and the recording entry point for ops.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;

    /// <summary>True when ops on this thread record themselves for differentiation.</summary>
    public static bool IsEnabled => t_noGradDepth == 0;

    /// <summary>
    /// Starts a scope in which no op records anything (inference). Dispose it to end the scope:
    /// <c>using (Autograd.NoGrad()) { ... }</c>. Scopes nest and are per thread.
    /// </summary>
    public static NoGradScope NoGrad()
    {
        t_noGradDepth++;
        return new NoGradScope(true);
    }

    internal static void Leave() => t_noGradDepth--;

    /// <summary>Suspends the scope on a worker thread for work started by a recording thread.</summary>
    internal static int CaptureDepth() => t_noGradDepth;

    internal static void RestoreDepth(int depth) => t_noGradDepth = depth;

    /// <summary>True when an op with these inputs must be recorded.</summary>
    internal static bool ShouldRecord(Tensor a) => t_noGradDepth == 0 && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => t_noGradDepth == 0 && (a.RequiresGrad || b.RequiresGrad);

    internal static bool ShouldRecord(ReadOnlySpan<Tensor> inputs)
    {
        if (t_noGradDepth != 0) return false;
        foreach (var t in inputs)
            if (t.RequiresGrad) return true;
        return false;
    }

    /// <summary>
    /// Records <paramref name="output"/> as produced by an op from <paramref name="inputs"/> when any input requires
    /// a gradient and recording is on; otherwise does nothing (and allocates nothing). Returns <paramref name="output"/>.
    /// Pass a <c>static</c> lambda for <paramref name="backward"/> so that no closure is allocated.
    /// </summary>
    internal static Tensor Record(string op, Tensor output, BackwardFn backward, ReadOnlySpan<Tensor> inputs, object? saved = null)
    {
        if (!ShouldRecord(inputs)) return output;
        output.RequiresGrad = true;
        output.Node = new GradNode(op, inputs.ToArray(), output, backward, saved);
        return output;
    }

    /// <summary>
    /// Records an op with several outputs as ONE node: gradients reaching any subset of <paramref name="outputs"/> are
    /// gathered and <paramref name="backward"/> runs once with all of them. Does nothing when no input requires a gradient.
    /// </summary>
    internal static void RecordMany(string op, Tensor[] outputs, MultiBackwardFn backward, ReadOnlySpan<Tensor> inputs, object? saved = null)
    {
        if (!ShouldRecord(inputs)) return;
        var node = new GradNode(op, inputs.ToArray(), outputs, backward, saved);
        foreach (var output in outputs)
        {
            output.RequiresGrad = true;
            output.Node = node;
        }
    }
}

/// <summary>Ends a no-grad scope when disposed.</summary>
public readonly struct NoGradScope : IDisposable
{
    private readonly bool _active;

    internal NoGradScope(bool active) => _active = active;

    /// <summary>Ends the scope.</summary>
    public void Dispose()
    {
        if (_active) Autograd.Leave();
    }
}
