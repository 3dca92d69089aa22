namespace Recur;

public static partial class Ops
{
    /// <summary>Element-wise <c>condition ≠ 0 ? a : b</c>, all three broadcast together (NumPy rules).</summary>
    /// <remarks>
    /// NaN in <paramref name="condition"/> counts as true (nonzero), as a bool cast does in Keras. Backward: <paramref name="a"/>
    /// gets the gradient where the condition holds, <paramref name="b"/> where it does not (each summed back to its shape);
    /// the condition gets none.
    /// </remarks>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dims = Shapes.Broadcast(condition.Dims, Shapes.Broadcast(a.Dims, b.Dims, "Where"), "Where");
        var y = Tensor.Empty(dims);
        Broadcasting.Select(condition, a, b, y);
        return Autograd.Record("Where", y, static (n, g) =>
        {
            var (da, db) = SelectGradients(n.Inputs[0], g, n.Inputs[1], n.Inputs[2]);
            return [null, da, db];
        }, [condition, a, b]);
    }

    /// <summary>Splits <paramref name="g"/> by <paramref name="mask"/> (nonzero → a) and sums each part to its input's shape.</summary>
    private static (Tensor? Da, Tensor? Db) SelectGradients(Tensor mask, Tensor g, Tensor a, Tensor b)
    {
        Tensor? da = null, db = null;
        var zero = Tensor.Scalar(0f);
        if (a.RequiresGrad)
        {
            var t = Tensor.Empty(g.Dims);
            Broadcasting.Select(mask, g, zero, t);
            da = Broadcasting.SumTo(t, a.Dims);
        }
        if (b.RequiresGrad)
        {
            var t = Tensor.Empty(g.Dims);
            Broadcasting.Select(mask, zero, g, t);
            db = Broadcasting.SumTo(t, b.Dims);
        }
        return (da, db);
    }
}
