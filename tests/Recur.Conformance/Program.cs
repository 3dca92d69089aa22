using Recur.Conformance;

// dotnet run -c Release --project tests/Recur.Conformance -- FILE.json [--family NAME]...
var files = new List<string>();
var families = new HashSet<string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--family" && i + 1 < args.Length) families.Add(args[++i]);
    else files.Add(args[i]);
}
if (files.Count == 0)
{
    Console.Error.WriteLine("usage: Recur.Conformance FILE.json [--family NAME]...");
    return 2;
}

int passed = 0, failed = 0;
foreach (var file in files)
    foreach (var testCase in ConformanceRunner.LoadCases(file))
    {
        if (families.Count > 0 && !families.Contains(testCase["family"]!.GetValue<string>())) continue;
        var outcome = ConformanceRunner.Run(testCase);
        foreach (var w in outcome.Warnings) Console.WriteLine($"warning {outcome.Id}: {w}");
        if (outcome.Passed) passed++;
        else
        {
            failed++;
            Console.WriteLine($"FAIL {outcome.Id}: {outcome.Reason}");
        }
    }
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
