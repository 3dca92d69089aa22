namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterWrappers()
    {
        KerasRegistry.RegisterLayer<Bidirectional>("Bidirectional");
    }
}
