using Recur.Layers;
using Recur.Models;
using Recur.Saving.Hdf5;

namespace Recur.Tests.Saving;

/// <summary>
/// The 15 real models of <c>shared/models</c> (SOURCES.md): each loads and runs, those with reference outputs match them
/// within the suggested tolerance, and each survives Save → Load with identical predictions.
/// </summary>
public sealed class RealModelTests
{
    public static TheoryData<string> AllModels => new()
    {
        "hwang_BiGRU.h5", "similarity_bilstm_model.h5", "ruohan_cnngru_model.h5", "ruohan_bigru_model.h5",
        "likhith_bidirectional_model.h5", "sailesh_bilstm_model.keras", "umarwar_BiLSTM.h5", "gokul_ner_model.keras",
        "shashank_crnn_model.h5", "karan_bis2s.h5", "vansh_bi_rnn_model.h5", "kathir_ner_model.h5",
        "pruthvi_captcha_model.keras", "kushagra_bigru_classifier.keras", "harsh_bilstm.weights.h5",
    };

    public static TheoryData<string> WithExpectedOutputs => new()
    {
        "gokul_ner_model", "hwang_BiGRU", "kushagra_bigru_classifier", "ruohan_bigru_model", "umarwar_BiLSTM", "vansh_bi_rnn_model",
    };

    /// <summary>Loads a real model, with its architecture sidecar for weights-only files.</summary>
    internal static Model LoadReal(string file) => file switch
    {
        "hwang_BiGRU.h5" => WithWeights(SidecarModel("hwang_BiGRU.config.json", file), file),
        "likhith_bidirectional_model.h5" => WithWeights(SidecarModel("likhith_bidirectional_model.json", file), file),
        "harsh_bilstm.weights.h5" => WithWeights(Model.Load(RepoPaths.Model("harsh_bilstm_ids.h5")), file),
        _ => Model.Load(RepoPaths.Model(file)),
    };

    // The architecture of a weights-only file comes from its JSON sidecar, read in the dialect of the weights' keras_version.
    private static Model SidecarModel(string json, string weights)
    {
        string? version = Hdf5File.Open(RepoPaths.Model(weights)).Root.Attribute("keras_version")?.AsString();
        return Model.FromJson(File.ReadAllText(RepoPaths.Model(json)), new KerasLoadOptions { KerasVersion = version });
    }

    private static Model WithWeights(Model model, string weights)
    {
        model.LoadWeights(RepoPaths.Model(weights));
        return model;
    }

    [RealModelTheory]
    [MemberData(nameof(AllModels))]
    public void LoadsAndRuns(string file)
    {
        var model = LoadReal(file);
        var outputs = model.Predict(SmallInputs(model));
        Assert.All(outputs, o => Assert.All(o.ToArray(), v => Assert.True(float.IsFinite(v))));
    }

    [RealModelTheory]
    [MemberData(nameof(AllModels))]
    public void SavesAndReloadsWithIdenticalPredictions(string file)
    {
        var model = LoadReal(file);
        string path = Path.Combine(Path.GetTempPath(), $"recur-real-{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var reloaded = Model.Load(path);
            var inputs = SmallInputs(model);
            var expected = model.Predict(inputs);
            var actual = reloaded.Predict(inputs);
            Assert.Equal(expected.Count, actual.Count);
            for (int k = 0; k < expected.Count; k++) Assert.Equal(expected[k].ToArray(), actual[k].ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Two samples of small non-negative integers (valid token ids too), with unknown dimensions set to 4.
    private static List<Tensor> SmallInputs(Model model) => model.Inputs.Select(i =>
    {
        int[] shape = [2, .. i.Shape.Skip(1).Select(d => d ?? 4)];
        return new Tensor(Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(v => (float)(v * 7 % 5)).ToArray(), shape);
    }).ToList();

    [RealModelTheory]
    [MemberData(nameof(WithExpectedOutputs))]
    public void MatchesReferenceOutputs(string name)
    {
        var expected = ExpectedOutputs.Read(name);
        var model = LoadReal(expected.ModelFile);
        var actual = model.Predict(expected.Inputs);
        Assert.Equal(expected.Outputs.Count, actual.Count);
        for (int k = 0; k < actual.Count; k++)
        {
            Assert.Equal(expected.Outputs[k].Shape, actual[k].Shape);
            var e = expected.Outputs[k].ToArray();
            var a = actual[k].ToArray();
            for (int i = 0; i < e.Length; i++)
                Assert.True(Math.Abs(a[i] - e[i]) <= expected.Atol + expected.Rtol * Math.Abs(e[i]),
                    $"{name} output {k}[{i}]: expected {e[i]}, got {a[i]} (atol {expected.Atol}, rtol {expected.Rtol}).");
        }
    }
}
