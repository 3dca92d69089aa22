namespace Recur.Cli;

/// <summary>A step this build cannot do yet (saving or loading models before the library has them): exit code 1.</summary>
internal sealed class FeatureUnavailableException(string message) : Exception(message);
