using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recur.Layers;

/// <summary>
/// Runs a sequence layer forwards and a copy of it backwards over the same input and merges the two outputs.
/// Keras: <c>keras.layers.Bidirectional</c> (released Keras 3 semantics).
/// </summary>
/// <remarks>
/// <para>The wrapped layer is a template: the forward direction is always a fresh copy of it (fresh weights), named
/// <c>forward_&lt;name&gt;</c>; the backward direction is either a second copy with <c>go_backwards = true</c>, named
/// <c>backward_&lt;name&gt;</c>, or the given <c>backwardLayer</c>, used as is.</para>
/// <para>Outputs, in order: the merged output (or forward and backward outputs with <see cref="MergeMode.None"/>), then
/// with <c>return_state</c> the forward states followed by the backward states. With <c>return_sequences</c> the
/// backward sequence is flipped back so that index <c>t</c> of both halves is input step <c>t</c>.</para>
/// <para>Beyond Keras 3 (recommendations of the spec, §6.4/§6.7/§6.9/§6.10): the <c>weights</c> argument is applied to the
/// two halves when the layer is built (Keras stores and ignores it); an odd number of initial states is rejected;
/// state masks follow tf.keras (one null per state of both directions); <see cref="ResetStates(IReadOnlyList{Tensor})"/>
/// accepts values (tf.keras). <see cref="CallOptions.Constants"/> (tf.keras) go unchanged to both directions; a
/// sub-layer that takes no constants rejects them itself.</para>
/// <para>Two built-in recurrent directions of one cell kind that can each take their fused kernel (and are not stateful)
/// run concurrently in one fused node, concatenated in place (spec §6.13, without Keras's restrictions on masks, initial
/// states or activations); the results are bit-identical to the two-pass path. The conditions live in <c>TryFuse</c>.</para>
/// </remarks>
public sealed class Bidirectional : Layer
{
    private IReadOnlyList<Tensor>? _initialWeights;

    /// <summary>Wraps <paramref name="layer"/>, a sequence layer (<see cref="ISequenceLayer"/>) registered for serialization.</summary>
    /// <param name="layer">The template of the forward direction; it is copied, never used itself.</param>
    /// <param name="mergeMode">How the outputs are combined; <see cref="MergeMode.None"/> returns both.</param>
    /// <param name="weights">Optional weights: the first half for the forward layer, the rest for the backward layer,
    /// assigned when the layer is built (Keras ignores this argument).</param>
    /// <param name="backwardLayer">Optional explicit backward layer, used as is (not copied, not renamed).</param>
    /// <param name="name">The layer name; automatic (<c>bidirectional</c>, <c>bidirectional_1</c> …) when null.</param>
    /// <param name="trainable">The wrapper's own trainable flag; the sub-layers keep theirs until it is set later.</param>
    /// <param name="inputShape">tf.keras's <c>input_shape</c>: one sample's shape <c>[T, D]</c>, for the first layer of a Sequential.</param>
    /// <exception cref="ArgumentException">An argument is invalid or the two directions disagree (message says which).</exception>
    [KerasConstructor]
    public Bidirectional(Layer layer, MergeMode mergeMode = MergeMode.Concat, IReadOnlyList<Tensor>? weights = null,
        Layer? backwardLayer = null, string? name = null, bool trainable = true, int?[]? inputShape = null)
        : base(ValidateArguments(layer, mergeMode, backwardLayer, name))
    {
        SetOwnTrainable(trainable);
        // tf.keras's input_shape keyword: the shape of one sample, so a Sequential can start with this layer.
        if (inputShape is not null) BatchInputShape = [null, .. inputShape];
        MergeMode = mergeMode;

        // Keras 3: the forward layer is always a fresh copy, so the wrapper never shares the template's weights.
        ForwardLayer = Track(Recreate(layer, "forward_", goBackwards: false));
        // Keras 3 forces go_backwards = true on the automatic copy (a backwards template is then rejected below).
        BackwardLayer = Track(backwardLayer ?? Recreate(layer, "backward_", goBackwards: true));
        if (backwardLayer is not null) SetUseCudnn(layer, backwardLayer);
        VerifyDirections();

        // Masked steps of returned sequences are zeros in both halves, whatever the sub-layers were configured with.
        foreach (var direction in new[] { Forward, Backward })
            if (direction.ZeroOutputForMask is not null) direction.ZeroOutputForMask = direction.ReturnSequences;

        var template = (ISequenceLayer)layer;
        Stateful = template.Stateful;
        ReturnSequences = template.ReturnSequences;
        ReturnState = template.ReturnState;
        InputSpec = layer.InputSpec;
        _initialWeights = weights is { Count: > 0 } ? [.. weights] : null;
    }

    public override string KerasClassName => "Bidirectional";

    /// <summary>The forward direction (a copy of the template).</summary>
    public Layer ForwardLayer { get; }

    /// <summary>The backward direction (a copy of the template with <c>go_backwards</c>, or the given backward layer).</summary>
    public Layer BackwardLayer { get; }

    /// <summary>How the two outputs are combined.</summary>
    public MergeMode MergeMode { get; }

    /// <summary>The template's <c>stateful</c> flag (both directions share it).</summary>
    public bool Stateful { get; }

    /// <summary>The template's <c>return_sequences</c> flag (both directions share it).</summary>
    public bool ReturnSequences { get; }

    /// <summary>The template's <c>return_state</c> flag (both directions share it).</summary>
    public bool ReturnState { get; }

    /// <summary>True: the input mask is passed on with returned sequences (released Keras 3; Keras master disables it).</summary>
    public override bool SupportsMasking => true;

    private ISequenceLayer Forward => (ISequenceLayer)ForwardLayer;

    private ISequenceLayer Backward => (ISequenceLayer)BackwardLayer;

    // Keras's checks 1–3 and the sequence-layer contract, before the base constructor draws an automatic name.
    private static string? ValidateArguments(Layer layer, MergeMode mergeMode, Layer? backwardLayer, string? name)
    {
        if (layer is null)
            throw new ArgumentNullException(nameof(layer), "Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance; received null.");
        if (!Enum.IsDefined(mergeMode))
            throw new ArgumentException(
                $"Invalid merge mode {(int)mergeMode}. Merge mode should be one of {{'sum', 'mul', 'ave', 'concat', None}}.", nameof(mergeMode));
        RequireSequenceLayer(layer, "layer");
        if (backwardLayer is not null) RequireSequenceLayer(backwardLayer, "backward_layer");
        return name;
    }

    private static void RequireSequenceLayer(Layer layer, string argument)
    {
        if (layer is not ISequenceLayer)
            throw new ArgumentException(
                $"Bidirectional: `{argument}` must be a sequence layer (an RNN such as LSTM or GRU, or a layer implementing " +
                $"ISequenceLayer with go_backwards, return_sequences, return_state and stateful); received {layer.KerasClassName} '{layer.Name}'.",
                argument == "layer" ? "layer" : "backwardLayer");
    }

    // Keras: serialize → rename → deserialize; a built template yields a copy built from its recorded shape (fresh weights).
    private static Layer Recreate(Layer template, string prefix, bool goBackwards)
    {
        var envelope = KerasSerializer.Serialize(template);
        var config = (JsonObject)envelope["config"]!;
        // Strip an existing prefix first, so that reloading forward_lstm never gives forward_forward_lstm.
        config["name"] = prefix + (template.Name.StartsWith(prefix, StringComparison.Ordinal) ? template.Name[prefix.Length..] : template.Name);
        if (goBackwards) config["go_backwards"] = true;
        // use_cudnn is a constructor argument that configs do not carry, so Keras copies the attribute explicitly.
        if (UseCudnnProperty(template) is { } useCudnn) config["use_cudnn"] = JsonSerializer.SerializeToNode(useCudnn.GetValue(template));
        return KerasSerializer.DeserializeLayer(envelope, $"Bidirectional({template.KerasClassName} '{template.Name}')");
    }

    private static PropertyInfo? UseCudnnProperty(Layer layer) =>
        layer.GetType().GetProperty("UseCudnn", BindingFlags.Public | BindingFlags.Instance) is { GetMethod.IsPublic: true } p ? p : null;

    // A given backward layer gets the template's use_cudnn too, where the attribute can be set (LSTM/GRU fix it at construction).
    private static void SetUseCudnn(Layer template, Layer backward)
    {
        if (UseCudnnProperty(template) is { } source && UseCudnnProperty(backward) is { SetMethod.IsPublic: true } sink
            && sink.PropertyType.IsAssignableFrom(source.PropertyType))
            sink.SetValue(backward, source.GetValue(template));
    }

    // Keras compares exactly these attributes, in this order; units, activations, cell types … may differ.
    private void VerifyDirections()
    {
        if (Forward.GoBackwards == Backward.GoBackwards)
            throw new ArgumentException(
                "Forward layer and backward layer should have different `go_backwards` value. Received: " +
                $"forward_layer.go_backwards={Py(Forward.GoBackwards)}, backward_layer.go_backwards={Py(Backward.GoBackwards)}" +
                (Forward.GoBackwards ? " (the automatic backward copy always goes backwards, so the template must not)." : "."));
        RequireSame("stateful", Forward.Stateful, Backward.Stateful);
        RequireSame("return_sequences", Forward.ReturnSequences, Backward.ReturnSequences);
        RequireSame("return_state", Forward.ReturnState, Backward.ReturnState);
    }

    private static void RequireSame(string attribute, bool forward, bool backward)
    {
        if (forward != backward)
            throw new ArgumentException(
                $"Forward layer and backward layer are expected to have the same value for attribute \"{attribute}\", " +
                $"got \"{Py(forward)}\" for forward layer and \"{Py(backward)}\" for backward layer.");
    }

    private static string Py(bool value) => value ? "True" : "False";

    // ---- config -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Keras 3 keys: <c>name</c>, <c>trainable</c>, <c>dtype</c>, <c>merge_mode</c>, <c>layer</c> (the serialized forward
    /// copy) and <c>backward_layer</c> (always written).
    /// </summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["merge_mode"] = ConfigBinder.EnumToKeras(MergeMode);
        config["layer"] = KerasSerializer.Serialize(ForwardLayer);
        config["backward_layer"] = KerasSerializer.Serialize(BackwardLayer);
        return config;
    }

    /// <summary>
    /// Keras's <c>from_config</c>: the forward entry is deserialized and copied again (its name is kept, the prefix is not
    /// doubled), the backward entry is deserialized and used as is, so names are stable across round trips.
    /// </summary>
    public static Bidirectional FromConfig(JsonObject config) => ConfigBinder.Construct<Bidirectional>(config, "Bidirectional");

    // ---- build ------------------------------------------------------------------------------------------------

    /// <summary>Builds the forward then the backward layer with the same input shape, skipping any already built.</summary>
    protected override void BuildCore(int?[] inputShape)
    {
        ForwardLayer.Build(inputShape);
        BackwardLayer.Build(inputShape);
        if (_initialWeights is { } weights)
        {
            // Keras 1 semantics of the weights argument (spec §6.4): first half forward, the rest backward.
            int half = weights.Count / 2;
            ForwardLayer.SetWeights([.. weights.Take(half)]);
            BackwardLayer.SetWeights([.. weights.Skip(half)]);
            _initialWeights = null;
        }
    }

    // ---- call -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs both directions on <paramref name="x"/> <c>[B, T, …]</c> and returns the outputs in Keras order (merged output
    /// or the pair, then forward states, then backward states).
    /// </summary>
    /// <param name="x">The sequences, batch-major.</param>
    /// <param name="initialState">States of both directions: the first half for the forward layer, the second for the backward layer.</param>
    /// <param name="mask">Optional <c>[B, T]</c> mask (nonzero = real step), given unchanged to both directions.</param>
    /// <param name="training">Training mode (dropout in the sub-layers).</param>
    public IReadOnlyList<Tensor> Call(Tensor x, IReadOnlyList<Tensor>? initialState = null, Tensor? mask = null, bool training = false) =>
        Invoke([x], new CallOptions { InitialState = initialState, Mask = mask, Training = training });

    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, CallOptions options)
    {
        var directions = TryFuse(inputs[0], options, out _) is { } plan ? plan.Run(inputs[0]) : RunTwoPass(inputs[0], options);
        return Merge(directions);
    }

    /// <summary>The options each direction is called with: the same sequences, mask, training flag and constants, and its half of the initial state.</summary>
    private (CallOptions Forward, CallOptions Backward) DirectionOptions(CallOptions options)
    {
        var (forwardState, backwardState) = SplitInitialState(options.InitialState);
        return (options with { InitialState = forwardState }, options with { InitialState = backwardState });
    }

    private (IReadOnlyList<Tensor>? Forward, IReadOnlyList<Tensor>? Backward) SplitInitialState(IReadOnlyList<Tensor>? states)
    {
        if (states is null || states.Count == 0) return (null, null);
        // Keras 3 does not check this (an odd list fails later inside a sub-layer); tf.keras raises, and so do we.
        if (states.Count % 2 != 0)
            throw new ArgumentException(
                $"Bidirectional '{Name}': when passing `initial_state` to a Bidirectional RNN, the state should be a list containing " +
                $"the states of the underlying RNNs, the forward layer's first, then the backward layer's (an even count); received {states.Count} tensors.");
        int half = states.Count / 2;
        return ([.. states.Take(half)], [.. states.Skip(half)]);
    }

    /// <summary>
    /// What the two directions returned: each one's output (its sequence with return_sequences, else its last output) and
    /// final states. The backward sequence is in the backward layer's processing order unless <paramref name="BackwardAligned"/>
    /// (the fused kernel writes it at input time already); <paramref name="Merged"/> is a concatenation the fused kernel
    /// wrote in place, which then replaces the merge (and both outputs are null).
    /// </summary>
    internal sealed record DirectionOutputs(Tensor? Forward, Tensor? Backward, IReadOnlyList<Tensor> ForwardStates,
        IReadOnlyList<Tensor> BackwardStates, bool BackwardAligned = false, Tensor? Merged = null);

    /// <summary>Both directions in one fused kernel call (spec §6.13); must return exactly what the two-pass path returns.</summary>
    internal abstract class FusedPlan
    {
        public abstract DirectionOutputs Run(Tensor sequences);
    }

    /// <summary>
    /// The fast path's one predicate: both directions run concurrently in <see cref="Ops.BidirectionalSequence"/> exactly when
    /// <list type="bullet">
    /// <item>the two-pass path is not forced (<see cref="RnnPaths.ForceTwoPass"/>, tests only);</item>
    /// <item>the layer is not stateful (the stored states belong to the sub-layers, which keep them in their own calls);</item>
    /// <item>no constants are given;</item>
    /// <item>both directions are built <see cref="SimpleRnn"/>, <see cref="Lstm"/>, <see cref="Gru"/> or plain <see cref="Rnn"/>
    /// layers (exact types: a subclass could call differently) without an activity regularizer (it acts on the sub-layers' outputs);</item>
    /// <item>the forward layer goes forwards and the backward layer backwards (a user pair the other way round passes
    /// Keras's validation but must stay misaligned, as the two-pass path leaves it);</item>
    /// <item>each direction's own cell predicate (<see cref="StandardRnnCell.TryFuse"/>) accepts its call, with its half of
    /// the initial state: built-in activations, no dropout applied, <c>[B, T, D]</c> inputs;</item>
    /// <item>the two cells are the same kind with equal units, and for GRU the same reset_after.</item>
    /// </list>
    /// Unlike Keras 3.15's cuDNN path, masks, initial states, different activations and bias use per direction are all fine:
    /// the kernels implement them (each direction keeps its own options and zero_output_for_mask).
    /// </summary>
    internal FusedPlan? TryFuse(Tensor sequences, CallOptions options, out string whyNot)
    {
        whyNot = RnnPaths.ForceTwoPass ? "the two-pass path is forced (tests)"
            : Stateful ? "the layer is stateful"
            : options.Constants is not null ? "constants are given"
            : !ForwardLayer.Built || !BackwardLayer.Built ? "a direction is not built"
            : ForwardLayer is not Rnn { IsBuiltIn: true } || BackwardLayer is not Rnn { IsBuiltIn: true } ? "a direction is not a built-in recurrent layer"
            : Forward.GoBackwards || !Backward.GoBackwards ? "the forward layer does not go forwards or the backward layer backwards"
            : ((Rnn)ForwardLayer).ActivityRegularizer is not null || ((Rnn)BackwardLayer).ActivityRegularizer is not null
                ? "a direction has an activity regularizer"
            : "";
        if (whyNot.Length > 0) return null;

        // The same checks and initial states (given half, else zeros) each sub-layer's own call would use.
        var (f, b) = ((Rnn)ForwardLayer, (Rnn)BackwardLayer);
        var (forwardOptions, backwardOptions) = DirectionOptions(options);
        var fInfo = f.PrepareCall(sequences, forwardOptions);
        var bInfo = b.PrepareCall(sequences, backwardOptions);
        var fPlan = f.Cell.TryFuse(fInfo, out var fWhy) as CellSequencePlan;
        var bPlan = b.Cell.TryFuse(bInfo, out var bWhy) as CellSequencePlan;
        var (fw, bw) = (fPlan?.Direction(fInfo), bPlan?.Direction(bInfo));
        whyNot = fPlan is null ? $"forward layer: {fWhy}"
            : bPlan is null ? $"backward layer: {bWhy}"
            : fPlan.Kind != bPlan.Kind ? "the directions use different cells"
            : fw!.RecurrentKernel.Dims[0] != bw!.RecurrentKernel.Dims[0] ? "the directions have different units"
            : fw.Options.ResetAfter != bw.Options.ResetAfter ? "the GRU directions differ in reset_after"
            : "";
        if (whyNot.Length > 0) return null;
        // Concatenated sequences are written in place; otherwise the aligned halves go through the shared merge.
        bool concat = ReturnSequences && MergeMode == MergeMode.Concat;
        return new BidirectionalSequencePlan(fPlan!.Kind, fw!, bw!, fInfo.MaskTensor(), concat, ReturnSequences);
    }

    private sealed class BidirectionalSequencePlan(FusedCell kind, DirectionWeights forward, DirectionWeights backward, Tensor? mask,
        bool concat, bool returnSequences) : FusedPlan
    {
        public FusedCell Kind => kind;

        public DirectionWeights Forward => forward;

        public DirectionWeights Backward => backward;

        public override DirectionOutputs Run(Tensor sequences)
        {
            var r = Ops.BidirectionalSequence(kind, sequences, forward, backward, mask, concat);
            return returnSequences
                ? new DirectionOutputs(r.Forward, r.Backward, r.ForwardStates, r.BackwardStates, BackwardAligned: true, Merged: r.Concat)
                : new DirectionOutputs(r.ForwardLast, r.BackwardLast, r.ForwardStates, r.BackwardStates);
        }
    }

    /// <summary>
    /// The inference stage: the fused path of <see cref="TryFuse"/> (its one predicate, for an inference call without
    /// mask or initial state) into caller memory, merged in place; none with two outputs (<see cref="MergeMode.None"/>)
    /// or returned states.
    /// </summary>
    internal override InferenceStage? PlanInference(int[] sampleShape, out string whyNot)
    {
        whyNot = MergeMode == MergeMode.None ? "merge_mode None returns two outputs"
            : ReturnState ? "the layer returns its states"
            : ForwardLayer is not Rnn f || !f.AcceptsSamples(sampleShape) || BackwardLayer is not Rnn b || !b.AcceptsSamples(sampleShape)
                ? $"samples of shape {Shapes.Format(sampleShape)} are not the [T, D] both recurrent directions were built for"
            : "";
        if (whyNot.Length > 0) return null;
        // The predicate reads only the rank and the sample shape of the sequences, so a batch of none stands for any batch.
        if (TryFuse(Tensor.Empty([0, .. sampleShape]), CallOptions.Default, out whyNot) is not BidirectionalSequencePlan plan) return null;
        return new BidirectionalStage(sampleShape, plan.Kind, plan.Forward with { H0 = null, C0 = null },
            plan.Backward with { H0 = null, C0 = null }, MergeMode, ReturnSequences);
    }

    private DirectionOutputs RunTwoPass(Tensor sequences, CallOptions options)
    {
        var (forwardOptions, backwardOptions) = DirectionOptions(options);
        var forward = ForwardLayer.Invoke([sequences], forwardOptions);
        var backward = BackwardLayer.Invoke([sequences], backwardOptions);
        return new DirectionOutputs(forward[0], backward[0], [.. forward.Skip(1)], [.. backward.Skip(1)]);
    }

    private List<Tensor> Merge(DirectionOutputs directions)
    {
        List<Tensor> outputs;
        if (directions.Merged is { } merged) outputs = [merged];
        else
        {
            var y = directions.Forward!;
            var yReversed = directions.Backward!;
            // Keras flips whatever the second layer returns, whatever its go_backwards, so that time steps line up.
            if (ReturnSequences && !directions.BackwardAligned) yReversed = DirectionOps.ReverseTime(yReversed);
            outputs = MergeMode == MergeMode.None ? [y, yReversed] : [MergeOutputs(y, yReversed)];
        }
        if (ReturnState)
        {
            outputs.AddRange(directions.ForwardStates);
            outputs.AddRange(directions.BackwardStates);
        }
        return outputs;
    }

    private Tensor MergeOutputs(Tensor forward, Tensor backward)
    {
        if (MergeMode != MergeMode.Concat && !forward.ShapeEquals(backward))
            throw new ShapeMismatchException(
                $"Bidirectional '{Name}': merge mode '{ConfigBinder.EnumToKeras(MergeMode)}' needs outputs of equal shape; " +
                $"received forward {Shapes.Format(forward.Dims)} and backward {Shapes.Format(backward.Dims)}.");
        return MergeMode switch
        {
            MergeMode.Concat => DirectionOps.ConcatLast(forward, backward),
            MergeMode.Sum => forward + backward,
            MergeMode.Multiply => forward * backward,
            MergeMode.Average => (forward + backward) / 2f,
            _ => throw new InvalidOperationException($"Bidirectional '{Name}': no merge for mode {MergeMode}."),
        };
    }

    // ---- shapes and masks -------------------------------------------------------------------------------------

    /// <summary>
    /// From the forward layer only, as Keras does: <c>concat</c> doubles the last dimension, <see cref="MergeMode.None"/>
    /// gives the output shape twice, and <c>return_state</c> appends the forward state shapes twice.
    /// </summary>
    public override IReadOnlyList<int?[]> ComputeOutputShape(int?[] inputShape)
    {
        var shapes = ForwardLayer.ComputeOutputShape(inputShape);
        var output = shapes[0];
        var result = new List<int?[]>();
        if (MergeMode == MergeMode.None) result.AddRange([Copy(output), Copy(output)]);
        else if (MergeMode == MergeMode.Concat) result.Add([.. output[..^1], output[^1] * 2]);
        else result.Add(Copy(output));
        if (ReturnState)
        {
            var states = shapes.Skip(1).ToList();
            result.AddRange(states.Select(Copy));
            result.AddRange(states.Select(Copy));
        }
        return result;

        static int?[] Copy(int?[] shape) => (int?[])shape.Clone();
    }

    /// <summary>
    /// The mask with returned sequences (twice with <see cref="MergeMode.None"/>), else null; with <c>return_state</c>
    /// one null per state of both directions (the tf.keras rule; Keras 3 only appends them for stateful layers).
    /// </summary>
    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask)
    {
        var outputMask = ReturnSequences ? mask : null;
        var masks = new List<Tensor?> { outputMask };
        if (MergeMode == MergeMode.None) masks.Add(outputMask);
        if (ReturnState) masks.AddRange(Enumerable.Repeat<Tensor?>(null, 2 * Forward.StateCount));
        return masks;
    }

    // ---- states -----------------------------------------------------------------------------------------------

    /// <summary>Forward states then backward states when both directions hold stored states (stateful and built); else null.</summary>
    public IReadOnlyList<Tensor>? States =>
        Forward.States is { } forward && Backward.States is { } backward ? [.. forward, .. backward] : null;

    /// <summary>Sets the stored states of both directions to zeros. Keras: <c>reset_state()</c>.</summary>
    /// <exception cref="InvalidOperationException">The layer is not stateful.</exception>
    public void ResetStates()
    {
        RequireStateful();
        Forward.ResetStates();
        Backward.ResetStates();
    }

    /// <summary>Assigns the stored states: the first half to the forward layer, the rest to the backward layer (tf.keras <c>reset_states(states)</c>).</summary>
    /// <exception cref="InvalidOperationException">The layer is not stateful.</exception>
    public void ResetStates(IReadOnlyList<Tensor> states)
    {
        RequireStateful();
        ArgumentNullException.ThrowIfNull(states);
        int half = states.Count / 2;
        Forward.ResetStates([.. states.Take(half)]);
        Backward.ResetStates([.. states.Skip(half)]);
    }

    private void RequireStateful()
    {
        if (!Stateful)
            throw new InvalidOperationException($"Layer must be stateful. Bidirectional '{Name}' wraps a non-stateful layer, so it has no states to reset.");
    }
}
