namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterInitializers()
    {
        InitializerClass<Constant>("Constant");
        InitializerClass<Zeros>("Zeros");
        InitializerClass<Ones>("Ones");
        InitializerClass<Identity>("Identity");
        InitializerClass<Identity>("IdentityInitializer", "Identity");
        InitializerClass<RandomNormal>("RandomNormal");
        InitializerClass<RandomUniform>("RandomUniform");
        InitializerClass<TruncatedNormal>("TruncatedNormal");
        InitializerClass<VarianceScaling>("VarianceScaling");
        InitializerClass<GlorotUniform>("GlorotUniform");
        InitializerClass<GlorotNormal>("GlorotNormal");
        InitializerClass<HeUniform>("HeUniform");
        InitializerClass<HeNormal>("HeNormal");
        InitializerClass<LecunUniform>("LecunUniform");
        InitializerClass<LecunNormal>("LecunNormal");
        InitializerClass<Orthogonal>("Orthogonal");
        // Keras 3.0–3.3 wrote the orthogonal initializer under this class name.
        InitializerClass<Orthogonal>("OrthogonalInitializer", "Orthogonal");
    }

    private static void InitializerClass<T>(string className, string? errorName = null) where T : Initializer =>
        KerasRegistry.RegisterInitializer(className, c => ConfigBinder.Construct<T>(c, errorName ?? className));
}
