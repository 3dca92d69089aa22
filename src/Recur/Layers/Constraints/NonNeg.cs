namespace Recur.Layers;

/// <summary>Clamps weights at zero from below. Keras: <c>keras.constraints.NonNeg</c>.</summary>
/// <remarks><c>max(w, 0)</c>.</remarks>
public sealed class NonNeg : Constraint
{
    public override string KerasClassName => "NonNeg";

    public override Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var _ = Autograd.NoGrad();
        return Ops.Relu(weight);
    }
}
