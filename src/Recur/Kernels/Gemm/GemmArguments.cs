namespace Recur.Kernels;

/// <summary>Argument checks shared by the Sgemm entry points; messages name the call, the expectation and the value.</summary>
internal static class GemmArguments
{
    public static void CheckSizes(string call, int m, int n, int k)
    {
        CheckNonNegative(call, m, nameof(m));
        CheckNonNegative(call, n, nameof(n));
        CheckNonNegative(call, k, nameof(k));
    }

    /// <summary>Checks a row-major operand stored as rows x cols with leading dimension ld.</summary>
    public static void CheckMatrix(string call, string name, string ldName, int rows, int cols, int ld, int length, string layout)
    {
        int minLd = Math.Max(1, cols);
        if (ld < minLd)
        {
            throw new ArgumentException(
                $"{call}: {ldName} must be at least {minLd} (the row length of {name}, stored {layout}); received {ldName} = {ld}.",
                ldName);
        }

        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"{call}: {name} must hold at least {needed} elements ({layout} = {rows}x{cols} with {ldName} = {ld}); received a span of {length}.",
                name);
        }
    }

    private static void CheckNonNegative(string call, int value, string name)
    {
        if (value < 0)
            throw new ArgumentException($"{call}: {name} must be non-negative; received {name} = {value}.", name);
    }
}
