using Recur.Layers;
using Recur.Models;

namespace Recur.Tests.Saving;

/// <summary>A Keras 2 file computes what Keras 2 computed by default; the option gives what Keras 3 would compute.</summary>
public sealed class LoadOptionsTests
{
    [RealModelFact]
    public void Keras2HardSigmoid_DefaultsToTheSavingVersion_AndKeras3IsAnOption()
    {
        string path = Path.Combine(RepoPaths.Models, "similarity_bilstm_model.h5");   // Keras 2.1.6, LSTMs with hard_sigmoid
        var asSaved = Model.Load(path);
        var keras3 = Model.Load(path, new KerasLoadOptions { HardSigmoid = HardSigmoidSemantics.Keras3 });

        static IEnumerable<ActivationKind> Gates(Model m) =>
            m.Layers.OfType<Bidirectional>().Select(b => ((Lstm)b.ForwardLayer).RecurrentActivation.Kind);
        Assert.All(Gates(asSaved), k => Assert.Equal(ActivationKind.HardSigmoidLegacy, k));
        Assert.All(Gates(keras3), k => Assert.Equal(ActivationKind.HardSigmoid, k));

        // Same weights, different gate function: the predictions differ.
        var ids = new Tensor(Enumerable.Range(0, 2 * 300).Select(i => (float)(1 + i * 7 % 1000)).ToArray(), 2, 300);
        var a = asSaved.Predict(new[] { ids, ids })[0].ToArray();
        var b = keras3.Predict(new[] { ids, ids })[0].ToArray();
        Assert.Equal(asSaved.GetWeights().Select(w => w.ToArray()), keras3.GetWeights().Select(w => w.ToArray()));
        Assert.NotEqual(a, b);
    }
}
