using System.Text.Json.Nodes;

namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterRecurrentLayers()
    {
        KerasRegistry.RegisterLayer("RNN", c => ConfigBinder.Construct<Rnn>(CellListAsStack(c), "RNN"));
        KerasRegistry.RegisterLayer<StackedRnnCells>("StackedRNNCells");
        KerasRegistry.RegisterLayer<SimpleRnnCell>("SimpleRNNCell");
        KerasRegistry.RegisterLayer<LstmCell>("LSTMCell");
        KerasRegistry.RegisterLayer<GruCell>("GRUCell");
        KerasRegistry.RegisterLayer<SimpleRnn>("SimpleRNN");
        KerasRegistry.RegisterLayer("LSTM", c => ConfigBinder.Construct<Lstm>(StandardRnn.NormalizeUseCudnn(c, "LSTM"), "LSTM"));
        KerasRegistry.RegisterLayer("GRU", c => ConfigBinder.Construct<Gru>(StandardRnn.NormalizeUseCudnn(c, "GRU"), "GRU"));
        TemporaryInitializers.RegisterMissing();
    }

    // Keras deserializes a list under "cell" to a list of cells, which RNN stacks.
    private static JsonObject CellListAsStack(JsonObject config)
    {
        if (config["cell"] is JsonArray cells)
            config["cell"] = new JsonObject
            {
                ["class_name"] = "StackedRNNCells",
                ["config"] = new JsonObject { ["cells"] = cells.DeepClone() },
            };
        return config;
    }
}
