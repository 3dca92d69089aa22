using Recur.Layers;
using Recur.Models;
using Recur.Tests.TestKit;

namespace Recur.Tests.Models;

public sealed class ModelGraphTests
{
    [Fact]
    public void Sequential_WithInput_BuildsAtOnce_AndListsLayersWithoutInput()
    {
        using var _ = NameScope.Fresh();
        var model = new Sequential(new Input(shape: [5, 10]), new Dense(8, kernelInitializer: "ones"), new Dense(5, activation: "softmax", kernelInitializer: "ones"));
        Assert.True(model.Built);
        Assert.Equal(["dense", "dense_1"], model.Layers.Select(l => l.Name));
        Assert.Equal("sequential", model.Name);
        Assert.Equal(10 * 8 + 8 + 8 * 5 + 5, model.CountParams());
        Assert.Equal(4, model.Weights.Count);
        Assert.Equal([2, 5, 5], model.Predict(Tensor.Ones(2, 5, 10)).Shape);
    }

    [Fact]
    public void Sequential_AddChains_PopRemoves_AndInputShapeOnFirstLayerBuilds()
    {
        var first = new Dense(4, kernelInitializer: "ones") { BatchInputShape = [null, 3] };
        var model = new Sequential().Add(first).Add(new Dense(2, kernelInitializer: "ones"));
        Assert.True(model.Built);
        Assert.Equal(2, model.Layers.Count);
        var popped = model.Pop();
        Assert.Equal("Dense", popped.KerasClassName);
        Assert.Single(model.Layers);
        Assert.Equal(2, model.Weights.Count);
        Assert.Throws<InvalidOperationException>(() => new Sequential().Pop());
    }

    [Fact]
    public void Sequential_WithoutInput_BuildsOnFirstCall()
    {
        var model = new Sequential(new Dense(3, kernelInitializer: "ones"));
        Assert.False(model.Built);
        Assert.Equal([4, 3], model.Predict(Tensor.Ones(4, 2)).Shape);
        Assert.True(model.Built);
    }

    [Fact]
    public void Functional_MultipleInputsOutputs_SharedLayer()
    {
        var a = new Input(shape: [3]);
        var b = new Input(shape: [3]);
        var shared = new Dense(2, kernelInitializer: "ones");
        var sum = new Add().Apply(shared.Apply(a), shared.Apply(b));
        var other = new Dense(1, kernelInitializer: "ones").Apply(sum);
        var model = new Model([a, b], [sum, other]);
        Assert.Equal(2 * 3 + 2 + 2 + 1, model.CountParams());
        var outs = model.Invoke([Tensor.Ones(1, 3), Tensor.Full(2f, 1, 3)]);
        Assert.Equal([9f, 9f], outs[0].ToArray());   // (3 + 6) per unit, zero bias
        Assert.Equal([18f], outs[1].ToArray());
        Assert.Equal([null, 1], model.Outputs[1].Shape);
    }

    [Fact]
    public void Functional_MasksFlowThroughTheGraph()
    {
        var ids = new Input(shape: [4]);
        var embedded = new Embedding(5, 3, embeddingsInitializer: "ones", maskZero: true).Apply(ids);
        var pooled = new GlobalAveragePooling1D().Apply(new Dense(2, kernelInitializer: "ones").Apply(embedded));
        var model = new Model(ids, pooled);
        var x = new Tensor([1f, 2f, 0f, 0f], 1, 4);
        // Masked steps are excluded from the mean, so padding does not dilute it.
        Assert.Equal([3f, 3f], model.Predict(x).ToArray());
    }

    [Fact]
    public void Functional_DisconnectedGraph_Throws()
    {
        var a = new Input(shape: [3]);
        var b = new Input(shape: [3]);
        var y = new Dense(1, kernelInitializer: "ones").Apply(b);
        Assert.Throws<ArgumentException>(() => new Model(a, y));
    }

    [Fact]
    public void Summary_PrintsKerasTable_AndSizes()
    {
        using var _ = NameScope.Fresh();
        var model = new Sequential(new Input(shape: [5, 10]), new Dense(20, kernelInitializer: "ones"), new Dense(5, activation: "softmax", kernelInitializer: "ones"));
        var text = model.Summary(TextWriter.Null);
        Assert.Contains("Model: \"sequential\"", text);
        Assert.Contains("│ dense (Dense)                   │ (None, 5, 20)          │           220 │", text);
        Assert.Contains("│ dense_1 (Dense)                 │ (None, 5, 5)           │           105 │", text);
        Assert.Contains(" Total params: 325 (1.27 KB)", text);
        Assert.Contains(" Trainable params: 325 (1.27 KB)", text);
        Assert.Contains(" Non-trainable params: 0 (0.00 B)", text);
    }
}

/// <summary>Weights follow the layers, however the model was assembled (Keras's get_weights order, used by weight files).</summary>
public sealed class WeightOrderTests
{
    [Fact]
    public void SequentialBuiltByAddAndPop_ListsWeightsInLayerOrder()
    {
        using var _ = Recur.Layers.NameScope.Fresh();
        var m = new Recur.Models.Sequential();
        m.Add(new Recur.Layers.Input(shape: [5, 10])).Add(new Recur.Layers.Dense(4)).Add(new Recur.Layers.Dense(7)).Pop();
        m.Add(new Recur.Layers.Bidirectional(new Recur.Layers.Gru(2))).Add(new Recur.Layers.Dense(3));
        var expected = m.Layers.SelectMany(l => l.Weights).ToList();
        Assert.Equal(expected, m.Weights);
        Assert.Equal(["dense/kernel", "dense/bias"], m.WeightPaths.Take(2).Select(p => p.Path));
        Assert.Equal("dense_2/bias", m.WeightPaths[^1].Path);
    }
}
