namespace Recur;

/// <summary>
/// The results of a fused recurrent op. All tensors come from ONE recorded computation: gradients reaching any of them
/// are combined and the fused backward runs once.
/// </summary>
/// <param name="Outputs">The output sequence <c>[B, T, H]</c> (Keras order, or input order with <c>KeepOrder</c>).</param>
/// <param name="LastOutput">The output of the last processed step <c>[B, H]</c> (Keras <c>return_sequences=False</c>).</param>
/// <param name="States">The final states, each <c>[B, H]</c>: <c>[h, c]</c> for LSTM, <c>[h]</c> for GRU and SimpleRNN.</param>
public sealed record RecurrentResult(Tensor Outputs, Tensor LastOutput, Tensor[] States);
