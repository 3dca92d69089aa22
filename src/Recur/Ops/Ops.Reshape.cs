namespace Recur;

public static partial class Ops
{
    /// <summary>The same elements under a new shape (no copy); one dimension may be −1 (inferred).</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        var target = (int[])shape.Clone();
        int infer = Array.IndexOf(target, -1);
        if (infer >= 0)
        {
            int known = 1;
            for (int i = 0; i < target.Length; i++) if (i != infer) known *= target[i];
            if (known == 0 || x.Size % known != 0)
                throw new ShapeMismatchException($"Reshape: cannot infer the -1 dimension of {Shapes.Format(shape)} for {x.Size} elements (input shape {Shapes.Format(x.Dims)}).");
            target[infer] = x.Size / known;
        }
        if (Shapes.Validate(target, "Reshape") != x.Size)
            throw new ShapeMismatchException($"Reshape: expected a shape with {x.Size} elements (input shape {Shapes.Format(x.Dims)}); received {Shapes.Format(shape)}.");
        var y = Tensor.Wrap(x.Data, target);
        return Autograd.Record("Reshape", y, static (n, g) => [Tensor.Wrap(g.Data, n.Inputs[0].Dims)], [x]);
    }
}
