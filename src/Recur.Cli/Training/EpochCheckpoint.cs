using Recur.Models;

namespace Recur.Cli.Training;

/// <summary>Saves the model after every epoch (atomically, see <see cref="ModelFiles.Save"/>), so a run stopped at any point
/// — even killed — leaves the last finished epoch's model on disk.</summary>
internal sealed class EpochCheckpoint(Model model, string path) : Callback
{
    /// <summary>Epochs saved so far.</summary>
    public int Saved { get; private set; }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ModelFiles.Save(model, path);
        Saved = epoch + 1;
    }
}
