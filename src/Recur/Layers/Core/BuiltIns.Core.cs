namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterCoreLayers()
    {
        KerasRegistry.RegisterLayer<InputLayer>("InputLayer");
        KerasRegistry.RegisterLayer<Dense>("Dense");
        KerasRegistry.RegisterLayer<Activation>("Activation");
        KerasRegistry.RegisterLayer<Dropout>("Dropout");
        KerasRegistry.RegisterLayer<Embedding>("Embedding");
        KerasRegistry.RegisterLayer<Masking>("Masking");
        KerasRegistry.RegisterLayer<Flatten>("Flatten");
        KerasRegistry.RegisterLayer<RepeatVector>("RepeatVector");
        KerasRegistry.RegisterLayer<Reshape>("Reshape");
        KerasRegistry.RegisterLayer<Concatenate>("Concatenate");
        KerasRegistry.RegisterLayer<Add>("Add");
        KerasRegistry.RegisterLayer<Average>("Average");
        KerasRegistry.RegisterLayer<Multiply>("Multiply");
        KerasRegistry.RegisterLayer<GlobalAveragePooling1D>("GlobalAveragePooling1D");
        KerasRegistry.RegisterLayer<GlobalMaxPooling1D>("GlobalMaxPooling1D");
        KerasRegistry.RegisterLayer<LayerNormalization>("LayerNormalization");
        KerasRegistry.RegisterLayer<BatchNormalization>("BatchNormalization");
        KerasRegistry.RegisterLayer<TimeDistributed>("TimeDistributed");
    }
}
