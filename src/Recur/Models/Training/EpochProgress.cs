namespace Recur.Models;

/// <summary>Reported through <see cref="IProgress{T}"/> after every epoch of a fit.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Epochs">Epochs requested.</param>
/// <param name="Logs">The epoch's logged values (<c>loss</c>, metrics, <c>val_*</c>).</param>
public sealed record EpochProgress(int Epoch, int Epochs, IReadOnlyDictionary<string, double> Logs);
