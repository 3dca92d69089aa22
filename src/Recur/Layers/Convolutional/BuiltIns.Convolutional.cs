namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterConvolutionalLayers()
    {
        // Keras keeps the older spellings as aliases of the same classes; configs of older models use them.
        RegisterConvolutional<Conv1D>("Conv1D", "Convolution1D");
        RegisterConvolutional<Conv2D>("Conv2D", "Convolution2D");
        RegisterConvolutional<Conv3D>("Conv3D", "Convolution3D");
        RegisterConvolutional<MaxPooling1D>("MaxPooling1D", "MaxPool1D");
        RegisterConvolutional<MaxPooling2D>("MaxPooling2D", "MaxPool2D");
        RegisterConvolutional<MaxPooling3D>("MaxPooling3D", "MaxPool3D");
    }

    private static void RegisterConvolutional<T>(string className, string alias) where T : Layer
    {
        Layer Create(System.Text.Json.Nodes.JsonObject config) => ConfigBinder.Construct<T>(ConvArguments.NormalizePadding(config), className);
        KerasRegistry.RegisterLayer(className, Create);
        KerasRegistry.RegisterLayer(alias, Create);
    }
}
