namespace Recur.Kernels.Recurrent;

/// <summary>Argument checks shared by the fused kernels; messages name the kernel, the span and the expected size.</summary>
internal static class RecurrentChecks
{
    /// <summary>Checks what every forward takes; <paramref name="width"/> is the kernel's column count <c>G·H</c>.</summary>
    public static void Common(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> h0, ReadOnlySpan<float> mask,
        ReadOnlySpan<float> outputs, ReadOnlySpan<float> lastOutput, ReadOnlySpan<float> hT, int width, string who)
    {
        Operands(s, o, x, kernel, recurrentKernel, mask, width, who);
        int bh = s.Batch * s.Units;
        SequenceShape.Check(h0.Length, bh, who, nameof(h0));
        OutputSpan(s, o, outputs.Length, who, nameof(outputs));
        SequenceShape.Check(lastOutput.Length, bh, who, nameof(lastOutput));
        SequenceShape.Check(hT.Length, bh, who, nameof(hT));
    }

    /// <summary>Checks what every backward takes besides the cache and cell-specific gradients.</summary>
    public static void Gradients(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dLastOutput,
        ReadOnlySpan<float> dhT, ReadOnlySpan<float> dx, ReadOnlySpan<float> dKernel, ReadOnlySpan<float> dRecurrentKernel,
        ReadOnlySpan<float> dh0, int width, string who)
    {
        Operands(s, o, x, kernel, recurrentKernel, mask, width, who);
        int bh = s.Batch * s.Units;
        OutputSpan(s, o, dOutputs.Length, who, nameof(dOutputs));
        SequenceShape.Check(dLastOutput.Length, bh, who, nameof(dLastOutput));
        SequenceShape.Check(dhT.Length, bh, who, nameof(dhT));
        SequenceShape.Check(dx.Length, x.Length, who, nameof(dx));
        SequenceShape.Check(dKernel.Length, kernel.Length, who, nameof(dKernel));
        SequenceShape.Check(dRecurrentKernel.Length, recurrentKernel.Length, who, nameof(dRecurrentKernel));
        SequenceShape.Check(dh0.Length, bh, who, nameof(dh0));
    }

    private static void Operands(in SequenceShape s, in SequenceOptions o, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel,
        ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> mask, int width, string who)
    {
        s.Validate(who);
        SequenceShape.Check(x.Length, s.Rows * s.InputSize, who, nameof(x), optional: false);
        SequenceShape.Check(kernel.Length, s.InputSize * width, who, nameof(kernel), optional: false);
        SequenceShape.Check(recurrentKernel.Length, s.Units * width, who, nameof(recurrentKernel), optional: false);
        SequenceShape.Check(mask.Length, s.Rows, who, nameof(mask));
        if (o.OutputOffset < 0 || o.OutputTimeStride < 0 || (o.OutputTimeStride != 0 && o.OutputOffset + s.Units > o.OutputTimeStride))
            throw new ArgumentException(
                $"{who}: the output layout must fit {s.Units} units in each time row; received stride {o.OutputTimeStride}, offset {o.OutputOffset}.");
    }

    // A wider buffer is fine (the caller may write into part of it); a shorter one is not.
    private static void OutputSpan(in SequenceShape s, in SequenceOptions o, int length, string who, string name)
    {
        int needed = s.OutputLength(o);
        if (length != 0 && length < needed)
            throw new ArgumentException($"{who}: expected {name} to hold at least {needed} elements (or none); received {length}.", name);
    }
}
