using Recur.Layers;

namespace Recur.Saving.Hdf5;

/// <summary>An HDF5 file is corrupt, truncated or uses a feature outside the supported subset; the message names the file and the problem.</summary>
public sealed class Hdf5FormatException : KerasFormatException
{
    public Hdf5FormatException(string message) : base(message) { }

    public Hdf5FormatException(string message, Exception inner) : base(message, inner) { }
}
