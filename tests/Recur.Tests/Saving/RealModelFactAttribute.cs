namespace Recur.Tests.Saving;

/// <summary>A fact over the real models in <c>../shared/models</c>; reported as skipped (with the reason) when the folder is absent.</summary>
public sealed class RealModelFactAttribute : FactAttribute
{
    public RealModelFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.Models)) Skip = $"The real-model folder {RepoPaths.Models} is absent.";
    }
}

/// <summary>A theory over the real models; skipped with the reason when <c>../shared/models</c> is absent.</summary>
public sealed class RealModelTheoryAttribute : TheoryAttribute
{
    public RealModelTheoryAttribute()
    {
        if (!Directory.Exists(RepoPaths.Models)) Skip = $"The real-model folder {RepoPaths.Models} is absent.";
    }
}
