namespace Recur.Layers;

internal static partial class BuiltIns
{
    static partial void RegisterConstraints()
    {
        KerasRegistry.RegisterConstraint("MaxNorm", c => ConfigBinder.Construct<MaxNorm>(c, "MaxNorm"));
        KerasRegistry.RegisterConstraint("MinMaxNorm", c => ConfigBinder.Construct<MinMaxNorm>(c, "MinMaxNorm"));
        KerasRegistry.RegisterConstraint("NonNeg", c => ConfigBinder.Construct<NonNeg>(c, "NonNeg"));
        KerasRegistry.RegisterConstraint("UnitNorm", c => ConfigBinder.Construct<UnitNorm>(c, "UnitNorm"));
    }
}
