using System.Runtime.CompilerServices;
using Recur.Models;

namespace Recur.Saving;

/// <summary>Registers the Keras file reader/writer with <see cref="Model"/> when the assembly loads (Models cannot see Saving).</summary>
internal static class SavingRegistration
{
    // A module initializer is the one hook that runs before any Model.Load call without Models referencing Saving.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Model.Files = new KerasFiles();
}
