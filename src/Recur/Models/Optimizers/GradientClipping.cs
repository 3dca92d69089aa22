namespace Recur.Models;

/// <summary>Keras's gradient clipping, applied before an update.</summary>
/// <remarks>clipnorm: each <c>g ← g·c / max(‖g‖, c)</c>. global_clipnorm: all <c>g ← g·c·min(1/‖G‖, 1/c)</c> with ‖G‖ the norm
/// of all gradients together. clipvalue: <c>g ← clip(g, −c, c)</c>.</remarks>
internal static class GradientClipping
{
    public static List<float[]> Clip(List<float[]> grads, float? clipnorm, float? clipvalue, float? globalClipnorm)
    {
        if (clipnorm is float c && c > 0f)
            foreach (var g in grads)
            {
                float norm = MathF.Sqrt(SumOfSquares(g));
                float max = MathF.Max(norm, c);
                for (int i = 0; i < g.Length; i++) g[i] = g[i] * c / max;
            }
        else if (globalClipnorm is float gc && gc > 0f)
        {
            float norm = MathF.Sqrt(grads.Sum(SumOfSquares));
            float scale = gc * MathF.Min(1f / norm, 1f / gc);
            foreach (var g in grads)
                for (int i = 0; i < g.Length; i++) g[i] *= scale;
        }
        else if (clipvalue is float v && v > 0f)
            foreach (var g in grads)
                for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -v, v);
        return grads;
    }

    private static float SumOfSquares(float[] g)
    {
        float s = 0f;
        foreach (float x in g) s += x * x;
        return s;
    }
}
