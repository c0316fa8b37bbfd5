using System.Text;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.WorkflowFixtures;

namespace Takt.Domain.Tests.Workflows;

/// <summary>Input from an untrusted file or API body: whatever it is, the answer is a WorkflowException, never another exception.</summary>
public sealed class WorkflowHostileInputTests
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Parse and, when that succeeds, validate, plan and serialize: none may throw anything but WorkflowException.</summary>
    private static void OnlyWorkflowExceptions(string json)
    {
        try
        {
            var workflow = WorkflowJson.Parse(json);
            _ = WorkflowValidator.Validate(workflow, Catalog);
            _ = WorkflowJson.Serialize(workflow);
            var plan = WorkflowValidator.Plan(workflow, Catalog);
            foreach (var node in plan.Order)
            {
                _ = NodeCacheKey.Compute(node.Type, node.Parameters, new Dictionary<string, string>());
            }
        }
        catch (WorkflowException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void Parse_NestingDeeperThan64_IsRejectedWithAMessage()
    {
        // The root object, "nodes", the node and "params" are four levels; the value may add sixty more.
        var fits = WorkflowJson.Parse($$$$$"""{"nodes":{"p":{"type":"takt.pass","params":{"value":{{{{{Nested(60)}}}}}}}}}""");
        Assert.Equal(Nested(60), CanonicalJson.Serialize(fits.Nodes["p"].Parameters["value"]));

        var error = Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"p":{"type":"takt.pass","params":{"value":{{{{{Nested(61)}}}}}}}}}"""));
        Assert.Contains("not valid JSON (line 1, byte ", error.Message, StringComparison.Ordinal);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(100_000)]
    public void Parse_VeryDeepDocuments_AreWorkflowExceptions(int depth)
    {
        Throws(() => WorkflowJson.Parse(Nested(depth)));
        Throws(() => WorkflowJson.Parse(new StringBuilder().Insert(0, "{\"a\":", depth).ToString()));
    }

    [Fact]
    public void Parse_MoreThanOneHundredThousandNodes_IsRejected()
    {
        var json = new StringBuilder("{\"nodes\":{");
        for (var i = 0; i <= 100_000; i++)
        {
            json.Append(i > 0 ? "," : "").Append("\"n").Append(i).Append("\":{\"type\":\"takt.pass\"}");
        }

        var problem = Assert.Single(Throws(() => WorkflowJson.Parse(json.Append("}}").ToString())).Problems);
        Assert.Equal("more than 100000 nodes", problem.Message);
    }

    [Fact]
    public void Parse_MoreThanOneHundredThousandBadNodes_StillStopsCounting()
    {
        var json = new StringBuilder("{\"nodes\":{");
        for (var i = 0; i < 150_000; i++)
        {
            json.Append(i > 0 ? "," : "").Append("\"n").Append(i).Append("\":{}");
        }

        var error = Throws(() => WorkflowJson.Parse(json.Append("}}").ToString()));
        Assert.Contains(error.Problems, p => p.Message == "more than 100000 nodes");
        Assert.True(error.Problems.Count <= 100_001, $"{error.Problems.Count} problems");
    }

    [Fact]
    public void Plan_OneHundredThousandNodesInAChain_IsOrderedAndACycleThroughThemIsFound()
    {
        var ids = Enumerable.Range(0, 100_000).Select(i => $"n{i:D6}").ToArray();
        var chain = Graph(ids, Enumerable.Range(1, ids.Length - 1).Select(i => (i - 1, i)));
        Assert.Equal(ids, WorkflowValidator.Plan(chain, Catalog).Order.Select(n => n.Id));

        var loop = Graph(ids, Enumerable.Range(1, ids.Length - 1).Select(i => (i - 1, i)).Append((ids.Length - 1, 0)));
        var cycle = Assert.Single(WorkflowValidator.Validate(loop, Catalog));
        Assert.Equal(("cycle", "n000000"), (cycle.Code, cycle.Node));
        Assert.Equal(ids.Length + 1, cycle.Message["cycle: ".Length..].Split(" → ").Length);
    }

    [Fact]
    public void Parse_HugeStrings_AreHandled()
    {
        var huge = new string('x', 5_000_000);
        var workflow = WorkflowJson.Parse($$$$$"""{"name":"{{{{{huge}}}}}","nodes":{"p":{"type":"takt.load","params":{"path":"{{{{{huge}}}}}"}}}}""");
        Assert.Equal(huge, workflow.Name);
        Assert.Empty(WorkflowValidator.Validate(workflow, Catalog));
        Assert.Equal(workflow.Nodes["p"].Parameters["path"].GetString(), WorkflowJson.Parse(WorkflowJson.Serialize(workflow)).Nodes["p"].Parameters["path"].GetString());

        Assert.Contains("node ids are", Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"{{{{{huge}}}}}":{"type":"takt.load"}}}""")).Message, StringComparison.Ordinal);
        Assert.Contains("is not a node type name", Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"a":{"type":"{{{{{huge}}}}}"}}}""")).Message, StringComparison.Ordinal);
        Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"a":{"type":"takt.load","{{{{{huge}}}}}":1}}}"""));
        Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"a":{"type":"takt.caption","inputs":{"image":"{{{{{huge}}}}}"}}}}"""));
    }

    [Fact]
    public void Problems_AboutHugeNames_KeepTheirMessagesShort()
    {
        var huge = new string('x', 1_000_000);
        var error = Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"{{{{{huge}}}}}":{"type":"takt.load","{{{{{huge}}}}}":1}},"{{{{{huge}}}}}":2}"""));
        Assert.True(error.Message.Length < 10_000, $"message of {error.Message.Length} characters");
    }

    [Theory]
    [InlineData("""{"name":"\ud800","nodes":{}}""")]
    [InlineData("""{"nodes":{"\udc00x":{"type":"takt.load"}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.load\ud800"}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.load","params":{"path":"\ud800"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.load","params":{"\ud800":"x"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.resize","params":{"width":1,"fit":"\ud800"},"inputs":{"image":"b.image"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","params":{"value":{"\udfff":["\ud800\ud800"]}}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.caption","inputs":{"image":"b.\ud800"}}}}""")]
    [InlineData("""{"\ud800":1}""")]
    public void Parse_EscapedUnpairedSurrogates_AreWorkflowExceptions(string json)
    {
        Assert.Contains("surrogate", Throws(() => WorkflowJson.Parse(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextThatIsNotValidUtf16_IsAWorkflowException()
    {
        Throws(() => WorkflowJson.Parse("{\"name\":\"\ud800\",\"nodes\":{}}"));
    }

    [Fact]
    public void Parse_APairedSurrogateEscape_IsFine()
    {
        Assert.Equal("😀", WorkflowJson.Parse("""{"name":"\ud83d\ude00","nodes":{}}""").Name);
    }

    [Theory]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","params":{"value":1e99999}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.resize","params":{"width":1e99999,"strength":-1e99999},"inputs":{"image":"a.image"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","version":99999999999}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass@99999999999"}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","inputs":{"a":"a.out","b":"a.out","c":"a.out","d":"a.out","e":"a.out"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","params":{"value":"\u0000"}}}}""")]
    [InlineData("""{"nodes":{"a":{"type":"takt.pass","params":{"value":123456789012345678901234567890123456789012345678901234567890}}}}""")]
    [InlineData("\uFEFF{\"nodes\":{}}")]
    [InlineData("{\"nodes\":{\"a\":{\"type\":\"takt.pass\"}}}\u0000")]
    public void Parse_OddButWellFormedInput_GivesOnlyWorkflowExceptions(string json)
    {
        OnlyWorkflowExceptions(json);
    }

    [Fact]
    public void Parse_ExponentWithThousandsOfDigits_GivesOnlyWorkflowExceptions()
    {
        OnlyWorkflowExceptions($$$$$"""{"nodes":{"a":{"type":"takt.pass","params":{"value":[1e{{{{{new string('9', 5000)}}}}}, 1e-{{{{{new string('9', 5000)}}}}}, 0.{{{{{new string('0', 5000)}}}}}1]}}}}""");
    }

    [Fact]
    public void Parse_ANumberWithAMillionDigitExponent_IsCanonicalised()
    {
        var exponent = "1" + new string('7', 1_000_000);
        var workflow = WorkflowJson.Parse($$$$$"""{"nodes":{"a":{"type":"takt.pass","params":{"value":[1e{{{{{exponent}}}}}, 10e-{{{{{exponent}}}}}]}}}}""");
        var canonical = CanonicalJson.Serialize(workflow.Nodes["a"].Parameters["value"]);
        Assert.StartsWith("[1e+1777", canonical, StringComparison.Ordinal);
        Assert.Contains(",1e-1777", canonical, StringComparison.Ordinal);
        Assert.EndsWith("776]", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_UnpairedSurrogates_AreWorkflowExceptions()
    {
        var workflow = WorkflowJson.Parse("""{"nodes":{"a":{"type":"takt.load"}}}""");
        Throws(() => WorkflowOverrides.Apply(workflow, ["a.path=\ud800"]));
        Throws(() => WorkflowOverrides.Apply(workflow, ["a.path=\"\\ud800\""]));
    }
}
