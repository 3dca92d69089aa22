namespace Recur.Kernels.Recurrent;

/// <summary>The sizes of one recurrent sequence call: batch <c>B</c>, time steps <c>T</c>, input features <c>D</c>, units <c>H</c>.</summary>
public readonly record struct SequenceShape(int Batch, int Time, int InputSize, int Units)
{
    /// <summary>Rows of the stacked per-step buffers, <c>B·T</c>.</summary>
    public int Rows => Batch * Time;

    /// <summary>Elements an <c>outputs</c> span needs under <paramref name="options"/>'s layout.</summary>
    public int OutputLength(in SequenceOptions options) =>
        Batch == 0 || Time == 0 ? 0 : (Rows - 1) * options.TimeStride(Units) + options.OutputOffset + Units;

    internal void Validate(string who)
    {
        if (Batch < 0 || Time < 0 || InputSize < 0 || Units < 0)
            throw new ArgumentException($"{who}: sizes must be non-negative; received B={Batch}, T={Time}, D={InputSize}, H={Units}.");
    }

    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/> (or is 0 when optional).</summary>
    internal static void Check(int length, int expected, string who, string name, bool optional = true)
    {
        if (length == expected || (optional && length == 0)) return;
        throw new ArgumentException($"{who}: expected {name} to hold {expected} elements{(optional ? " (or none)" : "")}; received {length}.", name);
    }
}
