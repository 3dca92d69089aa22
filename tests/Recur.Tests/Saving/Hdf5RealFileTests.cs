using Recur.Saving.Hdf5;

namespace Recur.Tests.Saving;

/// <summary>Every HDF5 structure in the real model files reads (their values were compared once with h5py: spec §3.1).</summary>
public sealed class Hdf5RealFileTests
{
    public static TheoryData<string> HdfFiles => new()
    {
        "harsh_bilstm.weights.h5", "harsh_bilstm_ids.h5", "hwang_BiGRU.h5", "karan_bis2s.h5", "kathir_ner_model.h5",
        "likhith_bidirectional_model.h5", "ruohan_bigru_model.h5", "ruohan_cnngru_model.h5", "sailesh_bilstm_model.keras",
        "shashank_crnn_model.h5", "similarity_bilstm_model.h5", "umarwar_BiLSTM.h5", "vansh_bi_rnn_model.h5",
    };

    [RealModelTheory]
    [MemberData(nameof(HdfFiles))]
    public void ReadsEveryObject(string name)
    {
        var file = Hdf5File.Open(RepoPaths.Model(name));
        Assert.True(Hdf5CorruptionTests.ReadEverything(file) > 0);
    }

    [RealModelFact]
    public void ReadsFixedLengthStringListsOfOldKeras()
    {
        var root = Hdf5File.Open(RepoPaths.Model("similarity_bilstm_model.h5")).Root;
        var names = root.Group("model_weights")!.Attribute("layer_names")!;
        Assert.Equal(Hdf5TypeClass.FixedString, names.Type.Class);
        Assert.Equal(16, names.AsStrings().Count);
        Assert.Empty(root.Group("model_weights/dropout_1")!.Attribute("weight_names")!.AsStrings());
        var kernel = root.Dataset("model_weights/bidirectional_1/bidirectional_1/forward_lstm_1/kernel:0")!;
        Assert.Equal([50, 256], kernel.IntShape);
    }
}
