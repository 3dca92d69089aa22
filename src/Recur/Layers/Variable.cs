namespace Recur.Layers;

/// <summary>
/// A layer weight: a named, shaped float tensor that optimizers update in place. Keras: <c>keras.Variable</c>.
/// </summary>
/// <remarks>The tensor identity never changes, so autograd leaves and packed-weight caches stay valid;
/// <see cref="Version"/> counts in-place changes so that caches know when to repack.</remarks>
public sealed class Variable
{
    internal Variable(string name, Tensor value, bool trainable, Regularizer? regularizer, Constraint? constraint)
    {
        Name = name;
        Value = value;
        Trainable = trainable;
        Regularizer = regularizer;
        Constraint = constraint;
        Value.RequiresGrad = trainable;
    }

    /// <summary>The Keras weight name (<c>kernel</c>, <c>recurrent_kernel</c>, <c>bias</c> …).</summary>
    public string Name { get; }

    /// <summary>The full Keras path (<c>bidirectional/forward_lstm/lstm_cell/kernel</c>); set by the owning layer.</summary>
    public string Path { get; internal set; } = "";

    /// <summary>The current value; mutate only through <see cref="Assign"/> (or an optimizer, then call <see cref="MarkChanged"/>).</summary>
    public Tensor Value { get; }

    /// <summary>Shape of the weight.</summary>
    public int[] Shape => Value.Shape;

    /// <summary>Whether an optimizer updates it (also requires the owning layer to be trainable).</summary>
    public bool Trainable { get; internal set; }

    public Regularizer? Regularizer { get; }

    public Constraint? Constraint { get; }

    /// <summary>Incremented on every change of the value.</summary>
    public int Version { get; private set; }

    /// <summary>Copies <paramref name="value"/> into this variable (shapes must agree).</summary>
    public void Assign(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.ShapeEquals(Value))
            throw new ShapeMismatchException($"Variable '{Path}'", "a value", Value.Dims, value.Dims);
        value.AsReadOnlySpan().CopyTo(Value.AsSpan());
        Version++;
    }

    /// <summary>Records an in-place change of <see cref="Value"/> made by the caller.</summary>
    public void MarkChanged() => Version++;

    /// <summary>The variable's tensor, for use in ops.</summary>
    public static implicit operator Tensor(Variable v) => v.Value;

    public override string ToString() => $"<Variable path={Path} shape={Shapes.Format(Value.Dims)}>";
}
