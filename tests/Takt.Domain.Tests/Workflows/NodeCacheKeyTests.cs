using System.Text.Json;
using CsCheck;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.JsonValueGen;

namespace Takt.Domain.Tests.Workflows;

public sealed class NodeCacheKeyTests
{
    private static readonly Gen<string> Names = Gen.Char["abc._-"].Array[1, 4].Select(c => new string(c));

    private static readonly Gen<(string Name, object Value)[]> Parameters =
        Gen.Select(Names, Values).Array[0, 4].Select(p => p.DistinctBy(x => x.Item1, StringComparer.Ordinal).ToArray());

    private static readonly Gen<(string Port, string Hash)[]> InputHashes =
        Gen.Select(Names, Gen.Char["0123456789abcdef"].Array[1, 8].Select(c => new string(c))).Array[0, 4]
            .Select(p => p.DistinctBy(x => x.Item1, StringComparer.Ordinal).ToArray());

    private static readonly Gen<(string Name, int Version, (string, object)[] Parameters, (string, string)[] Inputs)> Keys =
        Gen.Select(Names, Gen.Int[1, 3], Parameters, InputHashes);

    private static NodeType Type(string name, int version) => new(name, version, "builtin", [], [], []);

    private static string Key(string name, int version, IEnumerable<(string Name, object Value)> parameters, IEnumerable<(string Port, string Hash)> inputs, int seed = 0) =>
        NodeCacheKey.Compute(
            Type(name, version),
            parameters.ToDictionary(p => p.Name, p => Parse(Render(p.Value, seed)), StringComparer.Ordinal),
            inputs.ToDictionary(i => i.Port, i => i.Hash, StringComparer.Ordinal));

    [Fact]
    public void Compute_IgnoresDictionaryOrderAndValueSpelling()
    {
        Gen.Select(Keys, Gen.Int).Sample((key, seed) =>
        {
            var shuffled = new Random(seed);
            var parameters = key.Parameters.ToArray();
            var inputs = key.Inputs.ToArray();
            shuffled.Shuffle(parameters);
            shuffled.Shuffle(inputs);
            Assert.Equal(
                Key(key.Name, key.Version, key.Parameters, key.Inputs),
                Key(key.Name, key.Version, parameters, inputs, seed));
        });
    }

    [Fact]
    public void Compute_DiffersExactlyWhenSomePartDiffers()
    {
        Gen.Select(Keys, Keys).Sample((a, b) =>
        {
            var same = a.Name == b.Name && a.Version == b.Version
                && a.Parameters.Length == b.Parameters.Length
                && a.Parameters.All(p => b.Parameters.Any(q => q.Item1 == p.Item1 && Same(q.Item2, p.Item2)))
                && a.Inputs.Length == b.Inputs.Length
                && a.Inputs.All(i => b.Inputs.Contains(i));
            Assert.Equal(same, Key(a.Name, a.Version, a.Parameters, a.Inputs) == Key(b.Name, b.Version, b.Parameters, b.Inputs));
        });
    }

    [Fact]
    public void Compute_ChangesWithEachPart()
    {
        var parameters = new Dictionary<string, JsonElement> { ["width"] = Parse("512"), ["fit"] = Parse("\"cover\"") };
        var inputs = new Dictionary<string, string> { ["image"] = "aa", ["mask"] = "bb" };
        var key = NodeCacheKey.Compute(Type("takt.resize", 1), parameters, inputs);

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 2), parameters, inputs));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resizer", 1), parameters, inputs));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), new Dictionary<string, JsonElement>(parameters) { ["width"] = Parse("513") }, inputs));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), new Dictionary<string, JsonElement>(parameters) { ["width"] = Parse("\"512\"") }, inputs));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), new Dictionary<string, JsonElement> { ["width"] = Parse("512") }, inputs));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), parameters, new Dictionary<string, string> { ["image"] = "ab", ["mask"] = "bb" }));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), parameters, new Dictionary<string, string> { ["image"] = "bb", ["mask"] = "aa" }));
        Assert.NotEqual(key, NodeCacheKey.Compute(Type("takt.resize", 1), parameters, new Dictionary<string, string> { ["image"] = "aa" }));
    }

    [Fact]
    public void Compute_SameWorkInTwoWorkflows_HasOneKeyWhateverTheNodeIds()
    {
        // Two workflows resize the same image the same way under different node ids, written differently.
        var first = WorkflowJson.Parse("""{"name":"a","nodes":{"load":{"type":"takt.load","params":{"path":"x.png"}},"small":{"type":"takt.resize@2","params":{"width":512,"strength":0.5},"inputs":{"image":"load.image"}}}}""");
        var second = WorkflowJson.Parse("""{"name":"b","nodes":{"src":{"type":"takt.load","params":{"path":"x.png"}},"thumb":{"type":"takt.resize","version":2,"params":{"strength":5e-1,"width":512.0},"inputs":{"image":"src.image"}}}}""");
        var a = WorkflowValidator.Plan(first, WorkflowFixtures.Catalog)["small"];
        var b = WorkflowValidator.Plan(second, WorkflowFixtures.Catalog)["thumb"];
        var hashes = new Dictionary<string, string> { ["image"] = "0123" };

        Assert.Equal(NodeCacheKey.Compute(a.Type, a.Parameters, hashes), NodeCacheKey.Compute(b.Type, b.Parameters, hashes));
    }
}
