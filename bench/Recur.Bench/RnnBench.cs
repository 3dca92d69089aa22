using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Recur.Bench;

/// <summary>
/// The workload benchmark against the anchors (PyTorch, oneDNN) of <c>shared/bench</c>: every workload × mode × cell of
/// <c>workloads.json</c> through Recur's public layers and models, timed like the anchors, one JSON line per cell with
/// <c>--jsonl</c> (the anchors' measurement schema, system <c>recur</c>).
/// </summary>
public static class RnnBench
{
    private const string Usage =
        "usage: rnn [--workloads W1,W2,W2var,W3,W4,W5] [--modes infer,train,predict_b1] [--cells lstm,gru,gru_v1,rnn] [--jsonl]\n" +
        "           [--min-time S] [--threads N] [--workloads-file PATH] [--skip WL:mode[:cell],...] [--system NAME] [--seed N] [--path layer|op] [--warmup-time S]";

    public static int Run(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        bool jsonl = false, inProcess = false, header = true;
        string[] known = ["--workloads", "--modes", "--cells", "--min-time", "--threads", "--workloads-file", "--skip", "--system", "--seed", "--path", "--warmup-time"];
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--jsonl") jsonl = true;
            else if (args[i] == "--in-process") inProcess = true;
            else if (args[i] == "--no-header") header = false; // a per-cell child under the parent's header
            else if (known.Contains(args[i]) && i + 1 < args.Length) o[args[i]] = args[++i];
            else
            {
                Console.Error.WriteLine($"unknown option or missing value: {args[i]}\n{Usage}");
                return 2;
            }
        }

        // The library sizes its worker pool from the processor count the runtime sees, fixed at start-up; another thread
        // count therefore runs in a child process with DOTNET_PROCESSOR_COUNT set.
        int threads = o.TryGetValue("--threads", out var th) ? int.Parse(th, CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        if (threads != Environment.ProcessorCount) return RunChild(args, threads);

        var file = o.GetValueOrDefault("--workloads-file") ?? RnnWorkloads.FindDefault();
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"workloads.json not found ({file ?? "no shared/bench/workloads.json beside the repository"}); pass --workloads-file PATH");
            return 2;
        }
        var all = RnnWorkloads.Load(file);
        var workloads = Split(o.GetValueOrDefault("--workloads") ?? "W1,W2,W2var,W3,W4,W5");
        var modes = Split(o.GetValueOrDefault("--modes") ?? "infer,train,predict_b1");
        var cells = Split(o.GetValueOrDefault("--cells") ?? "lstm,gru,gru_v1,rnn");
        var skip = Split(o.GetValueOrDefault("--skip") ?? "").ToHashSet(StringComparer.Ordinal);
        double minTime = o.TryGetValue("--min-time", out var mt) ? double.Parse(mt, CultureInfo.InvariantCulture) : 2.0;
        double warmupTime = o.TryGetValue("--warmup-time", out var wt) ? double.Parse(wt, CultureInfo.InvariantCulture) : 2.0;
        string path = o.GetValueOrDefault("--path") ?? "layer";
        if (path is not ("layer" or "op"))
        {
            Console.Error.WriteLine($"--path must be layer (the Bidirectional layer, default) or op (Ops.BidirectionalSequence on its weights)\n{Usage}");
            return 2;
        }
        string system = o.GetValueOrDefault("--system") ?? (path == "op" ? "recur-op" : "recur") + (threads == 1 ? "-1t" : "");
        int seed = o.TryGetValue("--seed", out var sd) ? int.Parse(sd, CultureInfo.InvariantCulture) : 0;
        if (workloads.FirstOrDefault(n => !all.ContainsKey(n)) is { } missing)
        {
            Console.Error.WriteLine($"unknown workload {missing}; {file} has {string.Join(", ", all.Keys)}");
            return 2;
        }

        if (!jsonl && header)
            Console.WriteLine($"{"workload",-8} {"mode",-10} {"cell",-6} {"median ms",10} {"p10",9} {"p90",9} {"reps",5} {"GFLOP/s",8} {"alloc/call",11} {"peak WS",8} {"bg",5}");
        foreach (var name in workloads)
        {
            var w = all[name];
            foreach (var mode in modes)
            {
                if (skip.Contains($"{name}:{mode}")) continue;
                if (name == "W5")
                {
                    if (cells.Contains("lstm") && path == "layer")
                    {
                        if (!inProcess) RunCell(args, name, mode, "lstm");
                        else Measure(RnnCases.DocModel(w, mode, seed), system, minTime, warmupTime, jsonl);
                    }
                    continue;
                }
                if (mode == "predict_b1") continue; // W5 only
                foreach (var cell in cells)
                {
                    if (skip.Contains($"{name}:{mode}:{cell}")) continue;
                    if (!inProcess) RunCell(args, name, mode, cell);
                    else Measure(RnnCases.Layer(w, mode, cell, seed, fusedOp: path == "op"), system, minTime, warmupTime, jsonl);
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// Measures one cell in a fresh process (the default). In one long process the GC sizes its budgets from the cells
    /// before: after W3/W4 training it stopped collecting during W4 inference, so every call's 100 MB output landed on
    /// fresh pages (W4 SimpleRNN 432 ms there, 285–305 ms alone). A process per cell is what a program running one of
    /// these models sees; <c>--in-process</c> keeps the old behaviour.
    /// </summary>
    private static void RunCell(string[] args, string workload, string mode, string cell)
    {
        var psi = ChildStart();
        var single = new Dictionary<string, string> { ["--workloads"] = workload, ["--modes"] = mode, ["--cells"] = cell };
        for (int i = 0; i < args.Length; i++)
        {
            if (single.ContainsKey(args[i])) { i++; continue; }
            psi.ArgumentList.Add(args[i]);
        }
        foreach (var (k, v) in single) { psi.ArgumentList.Add(k); psi.ArgumentList.Add(v); }
        psi.ArgumentList.Add("--in-process");
        psi.ArgumentList.Add("--no-header");
        using var child = Process.Start(psi)!;
        child.WaitForExit();
        if (child.ExitCode != 0) Console.Error.WriteLine($"rnn: the child measuring {workload}:{mode}:{cell} exited with {child.ExitCode}");
    }

    /// <summary>This benchmark again, as a child process running the <c>rnn</c> command.</summary>
    private static ProcessStartInfo ChildStart()
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under "dotnet Recur.Bench.dll" the process is the host; the entry assembly goes first then.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(RnnBench).Assembly.Location);
        psi.ArgumentList.Add("rnn");
        return psi;
    }

    private static void Measure(RnnCase c, string system, double minTime, double warmupTime, bool jsonl)
    {
        bool heavy = c.Workload.Name == "W4";
        int maxReps = c.Workload.Name == "W5" ? 20000 : 2000;
        var s = RnnTiming.Measure(c.Call, minTime, minReps: heavy ? 3 : 5, maxReps, warmup: heavy ? 1 : 3, warmupTime);
        double gflops = c.Workload.Flops(c.Cell, c.Mode, c.Batch) / (s.MedianMs * 1e6);
        if (!jsonl)
        {
            Console.WriteLine($"{c.Workload.Name,-8} {c.Mode,-10} {c.Cell,-6} {s.MedianMs,10:F3} {s.P10Ms,9:F3} {s.P90Ms,9:F3} {s.Reps,5} {gflops,8:F1} " +
                $"{Bytes(s.AllocatedBytesPerCall),11} {Bytes(s.PeakWorkingSetBytes),8} {s.BgLoad,5:F2}");
            return;
        }
        var w = c.Workload;
        var shape = new JsonObject { ["B"] = c.Batch, ["T"] = w.T, ["D"] = w.D, ["H"] = w.H, ["layers"] = c.Layers, ["directions"] = 2 };
        if (w.Lengths is not null) shape["lengths_sum"] = w.Steps;
        var details = new JsonObject
        {
            ["threads"] = Environment.ProcessorCount,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["gc"] = GcDescription(),
            ["allocated_bytes_per_call"] = Math.Round(s.AllocatedBytesPerCall),
            ["gen0_gcs_per_call"] = Math.Round(s.Gen0PerCall, 4),
            ["gen2_gcs_per_call"] = Math.Round(s.Gen2PerCall, 4),
            ["gc_pause_ms_per_call"] = Math.Round(s.GcPauseMsPerCall, 4),
            ["peak_working_set_bytes"] = s.PeakWorkingSetBytes,
            ["gflops"] = Math.Round(gflops, 2),
        };
        foreach (var (k, v) in c.Details) details[k] = JsonValue.Create(v);
        var record = new JsonObject
        {
            ["system"] = system,
            ["cell"] = c.Cell,
            ["workload"] = w.Name,
            ["mode"] = c.Mode,
            ["shape"] = shape,
            ["stats"] = new JsonObject
            {
                ["median_ms"] = s.MedianMs,
                ["p10_ms"] = s.P10Ms,
                ["p90_ms"] = s.P90Ms,
                ["min_ms"] = s.MinMs,
                ["mean_ms"] = s.MeanMs,
                ["reps"] = s.Reps,
                ["warmup"] = s.Warmup,
                ["bg_load"] = Math.Round(s.BgLoad, 4),
            },
            ["details"] = details,
        };
        Console.WriteLine(record.ToJsonString());
        Console.Out.Flush();
    }

    private static int RunChild(string[] args, int threads)
    {
        var psi = ChildStart();
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = threads.ToString(CultureInfo.InvariantCulture);
        // With one processor the runtime delays tier-1 re-compilation 10× (TC_DelaySingleProcMultiplier), which kept W1
        // LSTM in tier-0 code for the whole measurement (5.2 ms instead of 0.29 ms); the child only limits the worker
        // count, so it keeps the JIT policy of the default run.
        psi.Environment["DOTNET_TC_DelaySingleProcMultiplier"] = "1";
        using var child = Process.Start(psi)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>The GC flavour and the runtime-config settings the timings depend on (values arrive as strings).</summary>
    private static string GcDescription()
    {
        var text = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        if (AppContext.GetData("System.GC.RetainVM") is string retain && bool.TryParse(retain, out bool on) && on) text += ", RetainVM";
        if (AppContext.GetData("System.GC.LOHThreshold") is string threshold) text += $", LOHThreshold={threshold}";
        return text;
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Bytes(double b) =>
        b >= 1 << 30 ? $"{b / (1 << 30):F2} GiB" : b >= 1 << 20 ? $"{b / (1 << 20):F1} MiB" : b >= 1 << 10 ? $"{b / 1024:F1} KiB" : $"{b:F0} B";
}
