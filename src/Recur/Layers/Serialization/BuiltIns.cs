namespace Recur.Layers;

/// <summary>
/// The explicit list of built-in Keras classes. Each area registers its classes in its own partial method
/// (one file per area) so that the list stays grep-able and trim-safe.
/// </summary>
internal static partial class BuiltIns
{
    public static void Register()
    {
        RegisterInitializers();
        RegisterRegularizers();
        RegisterConstraints();
        RegisterCoreLayers();
        RegisterRecurrentLayers();
        RegisterWrappers();
        RegisterConvolutionalLayers();
    }

    static partial void RegisterInitializers();
    static partial void RegisterRegularizers();
    static partial void RegisterConstraints();
    static partial void RegisterCoreLayers();
    static partial void RegisterRecurrentLayers();
    static partial void RegisterWrappers();
    static partial void RegisterConvolutionalLayers();
}
