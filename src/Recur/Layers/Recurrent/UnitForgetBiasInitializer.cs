namespace Recur.Layers;

/// <summary>
/// The LSTM bias with <c>unit_forget_bias</c>: <c>bias_initializer((U,))</c>, exact ones <c>(U,)</c>,
/// <c>bias_initializer((2U,))</c>, as Keras builds it for <see cref="LstmCell"/> and <see cref="ConvLstmCell"/>.
/// </summary>
internal sealed class UnitForgetBiasInitializer(Initializer inner, int units) : Initializer
{
    public override string KerasClassName => inner.KerasClassName;

    public override Tensor Generate(int[] shape)
    {
        var data = new float[4 * units];
        inner.Generate([units]).AsReadOnlySpan().CopyTo(data);
        data.AsSpan(units, units).Fill(1f);
        inner.Generate([2 * units]).AsReadOnlySpan().CopyTo(data.AsSpan(2 * units));
        return new Tensor(data, 4 * units);
    }
}
