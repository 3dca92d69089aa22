using Recur.Layers;

namespace Recur.Tests.TestKit;

/// <summary>Keras's <c>run_class_serialization_test</c>: serialize, rebuild from the config, serialize again, compare.</summary>
public static class ConfigCheck
{
    /// <summary>Asserts the layer survives a JSON round trip with an identical config; returns the rebuilt layer.</summary>
    public static Layer RoundTrip(Layer layer)
    {
        var json = KerasSerializer.Serialize(layer).ToJsonString();
        var rebuilt = KerasSerializer.DeserializeLayer(System.Text.Json.Nodes.JsonNode.Parse(json));
        Assert.Equal(layer.GetType(), rebuilt.GetType());
        Assert.Equal(layer.GetConfig().ToJsonString(), rebuilt.GetConfig().ToJsonString());
        return rebuilt;
    }
}
