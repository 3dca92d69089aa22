namespace Recur.Models;

public partial class Model
{
    /// <summary>The file reader/writer; set by <c>Recur.Saving</c> at assembly load.</summary>
    internal static IModelFiles? Files { get; set; }

    private static IModelFiles RequireFiles() =>
        Files ?? throw new InvalidOperationException("Model files: no reader/writer is registered (Recur.Saving did not initialize).");

    /// <summary>
    /// Loads a Keras model file, detected from its content whatever its extension: a Keras 3 (or tf.keras 2.13–2.15)
    /// <c>.keras</c> archive, or a legacy HDF5 full model (Keras 2, tf.keras, Keras 3 <c>save("x.h5")</c>).
    /// Keras: <c>keras.models.load_model(path, compile=False)</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="Recur.Layers.KerasFormatException">The file is corrupt, truncated or not a model file (the message says what).</exception>
    public static Model Load(string path) => Load(path, null);

    /// <summary>
    /// As <see cref="Load(string)"/>, with <paramref name="options"/> choosing version semantics where Keras 3 would read an
    /// old file differently (e.g. <see cref="Recur.Layers.HardSigmoidSemantics.Keras3"/>). The default computes what the
    /// saving version computed.
    /// </summary>
    public static Model Load(string path, Recur.Layers.KerasLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return RequireFiles().Load(path, options);
    }

    /// <summary>Loads a model from a stream holding the bytes of a model file (see <see cref="Load(string)"/>).</summary>
    public static Model Load(Stream stream) => Load(stream, null);

    /// <summary>Loads a model from a stream, with version options (see <see cref="Load(string, Recur.Layers.KerasLoadOptions?)"/>).</summary>
    public static Model Load(Stream stream, Recur.Layers.KerasLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return RequireFiles().Load(stream, stream is FileStream fs ? fs.Name : "stream", options);
    }

    /// <summary>
    /// Loads weights into this (built) model from a Keras 3 <c>.weights.h5</c> or <c>.keras</c> file (by path in the weight
    /// store) or a legacy HDF5 full-model or <c>save_weights</c> file (by position, as Keras does). Counts and shapes are
    /// checked for every layer before any weight changes.
    /// </summary>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireFiles().LoadWeights(this, path);
    }

    /// <summary>Saves the model as a Keras 3 <c>.keras</c> archive that Keras 3 loads. The write is atomic: a failure leaves any old file intact.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireFiles().Save(this, path);
    }

    /// <summary>Saves the weights as a Keras 3 <c>.weights.h5</c> file (atomically).</summary>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireFiles().SaveWeights(this, path);
    }
}
