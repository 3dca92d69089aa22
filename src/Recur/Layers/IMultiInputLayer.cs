namespace Recur.Layers;

/// <summary>A layer that takes several inputs (merges); symbolic application asks it for the output shapes of all of them.</summary>
public interface IMultiInputLayer
{
    /// <summary>Output shapes for the given input shapes (null = unknown dimension).</summary>
    IReadOnlyList<int?[]> ComputeOutputShape(IReadOnlyList<int?[]> inputShapes);
}
