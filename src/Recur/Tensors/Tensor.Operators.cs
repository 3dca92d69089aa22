namespace Recur;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting; see <see cref="Ops.Add"/>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator +(Tensor a, float b) => Ops.Add(a, Scalar(b));
    public static Tensor operator +(float a, Tensor b) => Ops.Add(Scalar(a), b);

    /// <summary>Element-wise difference with broadcasting; see <see cref="Ops.Sub"/>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);
    public static Tensor operator -(Tensor a, float b) => Ops.Sub(a, Scalar(b));
    public static Tensor operator -(float a, Tensor b) => Ops.Sub(Scalar(a), b);

    /// <summary>Element-wise product with broadcasting; see <see cref="Ops.Mul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);
    public static Tensor operator *(Tensor a, float b) => Ops.Mul(a, Scalar(b));
    public static Tensor operator *(float a, Tensor b) => Ops.Mul(Scalar(a), b);

    /// <summary>Element-wise quotient with broadcasting; see <see cref="Ops.Div"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);
    public static Tensor operator /(Tensor a, float b) => Ops.Div(a, Scalar(b));
    public static Tensor operator /(float a, Tensor b) => Ops.Div(Scalar(a), b);

    /// <summary>Element-wise negation.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg(a);
}
