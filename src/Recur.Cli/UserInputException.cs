namespace Recur.Cli;

/// <summary>
/// A problem with what the user gave us (a missing file, malformed CSV/JSON, a shape the model does not take): printed as
/// one line on stderr with exit code 2, never with a stack trace unless <c>--verbose</c>.
/// </summary>
/// <param name="message">What is wrong and where, e.g. <c>data.csv:4:2: 'x' is not a number</c>.</param>
/// <param name="inner">The exception that revealed it, for <c>--verbose</c>.</param>
internal sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
