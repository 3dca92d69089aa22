using System.Text.Json.Nodes;
using Recur.Layers;

namespace Recur.Conformance;

/// <summary>
/// The test-only classes of the conformance cases (SCHEMA.md §6), written with the public custom-cell and custom-layer
/// API and registered under their Keras class names. Their config is exactly their constructor arguments.
/// </summary>
public static class Fixtures
{
    private static int s_registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        KerasRegistry.RegisterLayer<OneStateRnnCell>("OneStateRNNCell");
        KerasRegistry.RegisterLayer<TwoStatesRnnCell>("TwoStatesRNNCell");
        KerasRegistry.RegisterLayer<AddOneCell>("AddOneCell");
        KerasRegistry.RegisterLayer<RnnCellWithDropout>("RNNCellWithDropout");
        KerasRegistry.RegisterLayer<MaskedDense>("MaskedDense");
    }

    /// <summary>Reads a Keras <c>state_size</c> (an int or a list of ints) and whether it was a list.</summary>
    internal static (int[] Sizes, bool IsList) ParseStateSize(JsonNode? node, int[] fallback, bool fallbackIsList) => node switch
    {
        null => (fallback, fallbackIsList),
        JsonArray a => (a.Select(n => n!.GetValue<int>()).ToArray(), true),
        _ => ([node.GetValue<int>()], false),
    };

    internal static int Features(int?[] inputShape, string who) =>
        inputShape[^1] ?? throw new ArgumentException($"{who}: the last input dimension must be known.");
}

/// <summary><c>out = x·kernel + states[0]·recurrent_kernel</c>; no output size. Keras test fixture.</summary>
public sealed class OneStateRnnCell : RnnCell
{
    private readonly JsonNode? _stateSizeArg;
    private readonly int[] _stateSize;
    private readonly bool _isList;
    private Variable _kernel = null!, _recurrent = null!;

    public OneStateRnnCell(int units, JsonNode? stateSize = null, string? name = null) : base(name)
    {
        Units = units;
        _stateSizeArg = stateSize?.DeepClone();
        (_stateSize, _isList) = Fixtures.ParseStateSize(stateSize, [units], false);
    }

    public int Units { get; }
    public override string KerasClassName => "OneStateRNNCell";
    public override IReadOnlyList<int> StateSize => _stateSize;
    public override bool StateSizeIsList => _isList;

    protected override void BuildCore(int?[] inputShape)
    {
        _kernel = AddWeight("kernel", [Fixtures.Features(inputShape, Name), Units], new Ones());
        _recurrent = AddWeight("recurrent_kernel", [Units, Units], new Ones());
    }

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var output = Ops.MatMul(input, _kernel) + Ops.MatMul(states[0], _recurrent);
        return (output, [output]);
    }

    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        o["units"] = Units;
        if (_stateSizeArg is not null) o["state_size"] = _stateSizeArg.DeepClone();
        return o;
    }
}

/// <summary>Two states; both recurrent products read <c>states[0]</c> (the Keras fixture's quirk). Keras test fixture.</summary>
public sealed class TwoStatesRnnCell : RnnCell
{
    private readonly JsonNode? _stateSizeArg;
    private readonly int[] _stateSize;
    private readonly bool _isList;
    private Variable _kernel = null!, _recurrent1 = null!, _recurrent2 = null!;

    public TwoStatesRnnCell(int units, JsonNode? stateSize = null, string? name = null) : base(name)
    {
        Units = units;
        _stateSizeArg = stateSize?.DeepClone();
        (_stateSize, _isList) = Fixtures.ParseStateSize(stateSize, [units, units], true);
    }

    public int Units { get; }
    public override string KerasClassName => "TwoStatesRNNCell";
    public override IReadOnlyList<int> StateSize => _stateSize;
    public override bool StateSizeIsList => _isList;
    public override int? OutputSize => Units;

    protected override void BuildCore(int?[] inputShape)
    {
        _kernel = AddWeight("kernel", [Fixtures.Features(inputShape, Name), Units], new Ones());
        _recurrent1 = AddWeight("recurrent_kernel_1", [Units, Units], new Ones());
        _recurrent2 = AddWeight("recurrent_kernel_2", [Units, Units], new Ones());
    }

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var h = Ops.MatMul(input, _kernel);
        var o1 = h + Ops.MatMul(states[0], _recurrent1);
        var o2 = h + Ops.MatMul(states[0], _recurrent2);
        return (o1 + o2, [o1, o2]);
    }

    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        o["units"] = Units;
        if (_stateSizeArg is not null) o["state_size"] = _stateSizeArg.DeepClone();
        return o;
    }
}

/// <summary><c>out = mean(x_t) + 1</c>, every state + 1; no weights. tf.keras test fixture.</summary>
public sealed class AddOneCell(string? name = null) : RnnCell(name)
{
    public override string KerasClassName => "AddOneCell";
    public override IReadOnlyList<int> StateSize => [1];
    public override bool StateSizeIsList => false;
    public override int? OutputSize => 1;

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var output = Ops.Sum(input, -1, keepDims: true) / input.Dim(-1) + 1f;
        return (output, states.Select(s => s + 1f).ToList());
    }
}

/// <summary>A one-state cell with Keras's variational dropout on both sides. Keras test fixture.</summary>
public sealed class RnnCellWithDropout : DropoutRnnCell
{
    private Variable _kernel = null!, _recurrent = null!;

    public RnnCellWithDropout(int units, float dropout = 0.5f, float recurrentDropout = 0.5f, int? seed = null, string? name = null)
        : base(dropout, recurrentDropout, seed, name)
    {
        Units = units;
    }

    public int Units { get; }
    public override string KerasClassName => "RNNCellWithDropout";
    public override IReadOnlyList<int> StateSize => [Units];
    public override bool StateSizeIsList => false;

    protected override void BuildCore(int?[] inputShape)
    {
        _kernel = AddWeight("kernel", [Fixtures.Features(inputShape, Name), Units], new Ones());
        _recurrent = AddWeight("recurrent_kernel", [Units, Units], new Ones());
    }

    public override (Tensor Output, IReadOnlyList<Tensor> NewStates) Step(Tensor input, IReadOnlyList<Tensor> states, bool training)
    {
        var x = InputMasks(input, training) is { } m ? input * m[0] : input;
        var h = RecurrentMasks(states[0], training) is { } r ? states[0] * r[0] : states[0];
        var output = Ops.MatMul(x, _kernel) + Ops.MatMul(h, _recurrent);
        return (output, [output]);
    }

    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        o["units"] = Units;
        o["dropout"] = Dropout;
        o["recurrent_dropout"] = RecurrentDropout;
        o["seed"] = Seed;
        return o;
    }
}

/// <summary><c>y = x·kernel</c> (kernel Constant(0.01), no bias); masked rows become 0. Keras test fixture.</summary>
public sealed class MaskedDense : Layer
{
    private Variable _kernel = null!;

    public MaskedDense(int units, string? name = null) : base(name)
    {
        Units = units;
    }

    public int Units { get; }
    public override string KerasClassName => "MaskedDense";
    public override bool SupportsMasking => true;

    protected override void BuildCore(int?[] inputShape) =>
        _kernel = AddWeight("kernel", [Fixtures.Features(inputShape, Name), Units], new Constant(0.01f));

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var y = Ops.MatMul(inputs[0], _kernel);
        if (options.Mask is { } mask) y *= Ops.Reshape(mask, [.. mask.Shape, 1]);
        return [y];
    }

    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape) => [[.. inputShape[..^1], Units]];

    public override JsonObject GetConfig()
    {
        var o = base.GetConfig();
        o["units"] = Units;
        return o;
    }
}
