namespace Recur;

/// <summary>A tensor's shape does not fit an operation or a layer; the message names who, what was expected and what was received.</summary>
public class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a complete message.</summary>
    public ShapeMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception from the parts every shape error names.</summary>
    public ShapeMismatchException(string operation, string what, int[] expected, int[] received)
        : base($"{operation}: expected {what} of shape {Shapes.Format(expected)}; received {Shapes.Format(received)}.") { }

    /// <summary>Creates the exception with a free-form expectation.</summary>
    public ShapeMismatchException(string operation, string expected, int[] received)
        : base($"{operation}: expected {expected}; received shape {Shapes.Format(received)}.") { }
}
