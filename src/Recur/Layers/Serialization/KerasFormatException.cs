namespace Recur.Layers;

/// <summary>A Keras config, JSON document or file does not have the expected form; the message says what and where.</summary>
public class KerasFormatException : ArgumentException
{
    public KerasFormatException(string message) : base(message) { }

    public KerasFormatException(string message, Exception inner) : base(message, inner) { }
}
