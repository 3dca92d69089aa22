using System.Text.Json.Nodes;
using Recur.Conformance;

namespace Recur.Tests.Conformance;

/// <summary>Runs the public Keras conformance cases (tests/Recur.Conformance/cases) of the implemented families.</summary>
public sealed class KerasConformanceTests
{
    private static readonly HashSet<string> ImplementedFamilies =
        ["rnn", "simple_rnn", "lstm", "gru", "stacked", "dropout", "time_distributed", "bidirectional"];

    // Cases of implemented families that need a layer Recur does not have yet.
    private static readonly HashSet<string> NeedsMissingLayer = [];

    private static bool Implemented(JsonObject c) => ImplementedFamilies.Contains(Family(c)) && !NeedsMissingLayer.Contains(c["id"]!.GetValue<string>());

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Cases = new(() =>
        ConformanceRunner.LoadCases(Path.Combine(AppContext.BaseDirectory, "cases", "keras-public.json"))
            .ToDictionary(c => c["id"]!.GetValue<string>()));

    private static string Family(JsonObject c) => c["family"]!.GetValue<string>();

    public static TheoryData<string> ImplementedCases() => [.. Cases.Value.Values.Where(Implemented).Select(c => c["id"]!.GetValue<string>())];

    public static TheoryData<string> PendingCases() => [.. Cases.Value.Values.Where(c => !Implemented(c)).Select(c => c["id"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(ImplementedCases))]
    public void Case_Passes(string id)
    {
        var outcome = ConformanceRunner.Run(Cases.Value[id]);
        Assert.True(outcome.Passed, $"{id}: {outcome.Reason}");
    }

    [Theory(Skip = "ConvLSTM, TimeDistributed and models (Sequential) are not implemented in this branch yet.")]
    [MemberData(nameof(PendingCases))]
    public void PendingFamilyCase_Passes(string id) => Assert.True(ConformanceRunner.Run(Cases.Value[id]).Passed);

    [Fact]
    public void ImplementedFamilies_HaveCases() => Assert.True(Cases.Value.Values.Count(c => ImplementedFamilies.Contains(Family(c))) >= 79);
}
