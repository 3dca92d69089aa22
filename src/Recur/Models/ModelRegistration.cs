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
        // Keras 3 writes Functional; Keras 2 wrote Model (tf.keras from 2.4 on, Functional).
        KerasRegistry.RegisterLayer("Functional", Model.FromConfig);
        KerasRegistry.RegisterLayer("Model", Model.FromConfig);
    }
}
