namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterRegularizers()
    {
        KerasRegistry.RegisterRegularizer("L1", c => ConfigBinder.Construct<L1>(c, "L1"));
        KerasRegistry.RegisterRegularizer("L2", c => ConfigBinder.Construct<L2>(c, "L2"));
        KerasRegistry.RegisterRegularizer("L1L2", c => ConfigBinder.Construct<L1L2>(c, "L1L2"));
    }
}
