using System.Numerics.Tensors;

namespace Recur;

public static partial class Ops
{
    /// <summary>Sum of all elements, as a rank-0 tensor.</summary>
    public static Tensor Sum(Tensor x)
    {
        var y = Tensor.Scalar(TensorPrimitives.Sum(x.AsReadOnlySpan()));
        return Autograd.Record("Sum", y, static (n, g) => [Tensor.Full(g.Data[0], n.Inputs[0].Dims)], [x]);
    }

    /// <summary>Sum over <paramref name="axes"/> (negative axes count from the end); <paramref name="keepDims"/> keeps them as size 1.</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDims = false)
    {
        var kept = ReducedShape(x.Dims, axes, "Sum");
        var y = Broadcasting.SumTo(x, kept);
        if (ReferenceEquals(y, x)) y = x.Clone();
        var result = Autograd.Record("Sum", y, static (n, g) => [Broadcast(g, n.Inputs[0].Dims)], [x]);
        return keepDims ? result : Reshape(result, Squeezed(kept, x.Dims, axes));
    }

    /// <summary>Sum over one axis.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false) => Sum(x, [axis], keepDims);

    /// <summary>The input shape with each reduced axis set to 1.</summary>
    internal static int[] ReducedShape(int[] dims, int[] axes, string who)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var kept = (int[])dims.Clone();
        foreach (int a in axes) kept[Shapes.Axis(a, dims.Length, who)] = 1;
        return kept;
    }

    /// <summary>The kept shape without the reduced axes (axes already validated by <see cref="ReducedShape"/>).</summary>
    private static int[] Squeezed(int[] kept, int[] dims, int[] axes)
    {
        var drop = new bool[dims.Length];
        foreach (int a in axes) drop[a < 0 ? a + dims.Length : a] = true;
        var r = new List<int>();
        for (int i = 0; i < kept.Length; i++) if (!drop[i]) r.Add(kept[i]);
        return [.. r];
    }

    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="shape"/> (no gradient recorded; used by backward passes).</summary>
    internal static Tensor Broadcast(Tensor x, int[] shape)
    {
        var d = Tensor.Empty(shape);
        Broadcasting.Apply<AddOp>(x, Tensor.Scalar(0f), d);
        return d;
    }
}
