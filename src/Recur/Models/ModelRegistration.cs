using System.Runtime.CompilerServices;
using Recur.Layers;

namespace Recur.Models;

/// <summary>Registers the model classes with the Keras registry when the assembly loads (the Layers namespace cannot see them).</summary>
internal static class ModelRegistration
{
    // A module initializer is the one hook that runs before any config is read without Layers referencing Models.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        KerasRegistry.RegisterLayer("Sequential", Sequential.FromConfig);
    }
}
