namespace Recur.Models;

/// <summary>
/// Reading and writing Keras model files. Implemented in <c>Recur.Saving</c>, which registers itself in
/// <see cref="Model.Files"/> when the assembly loads: Models cannot reference Saving (the layering runs the other way).
/// </summary>
internal interface IModelFiles
{
    Model Load(string path, Recur.Layers.KerasLoadOptions? options);

    Model Load(Stream stream, string source, Recur.Layers.KerasLoadOptions? options);

    void LoadWeights(Model model, string path);

    void Save(Model model, string path);

    void SaveWeights(Model model, string path);
}
