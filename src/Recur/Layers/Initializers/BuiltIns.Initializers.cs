namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterInitializers()
    {
        KerasRegistry.RegisterInitializer("Constant", c => ConfigBinder.Construct<Constant>(c, "Constant"));
        KerasRegistry.RegisterInitializer("Zeros", c => ConfigBinder.Construct<Zeros>(c, "Zeros"));
        KerasRegistry.RegisterInitializer("Ones", c => ConfigBinder.Construct<Ones>(c, "Ones"));
    }
}
