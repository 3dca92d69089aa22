// Entry point of the benchmark suite: the first argument names a command, the rest belongs to it.
using Recur.Bench;

var commands = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["gemm"] = GemmBench.Run,
    ["bidirectional"] = BidirectionalBench.Run,
    ["recurrent"] = RecurrentKernelBench.Run,
    ["rnn"] = RnnBench.Run,
    ["rnnprofile"] = RnnProfile.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: Recur.Bench <command> [options]; commands: {string.Join(", ", commands.Keys)}");
    return 2;
}

return command(args[1..]);
