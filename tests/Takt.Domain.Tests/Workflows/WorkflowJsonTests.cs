using CsCheck;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.WorkflowFixtures;

namespace Takt.Domain.Tests.Workflows;

public sealed class WorkflowJsonTests
{
    private static readonly Gen<string> NodeIds = Gen.Char["aZ09_-"].Array[1, 6].Select(c => new string(c));

    private static readonly Gen<string> TypeNames =
        Gen.Select(Gen.Char["a0"], Gen.Char["az09._-"].Array[0, 8]).Select(p => p.Item1 + new string(p.Item2));

    private static readonly Gen<WorkflowNode> Nodes =
        from id in NodeIds
        from type in TypeNames
        from version in Gen.Int[0, 4]
        from parameters in Gen.Select(JsonValueGen.Text, JsonValueGen.Values, Gen.Int).Array[0, 3]
        from inputs in Gen.Select(JsonValueGen.Text, Gen.Char["aZ09_-."].Array[1, 5], Gen.Char["az_"].Array[1, 4]).Array[0, 3]
        select new WorkflowNode(
            id,
            type,
            version == 0 ? null : version,
            parameters.DistinctBy(p => p.Item1, StringComparer.Ordinal)
                .ToDictionary(p => p.Item1, p => JsonValueGen.Parse(JsonValueGen.Render(p.Item2, p.Item3)), StringComparer.Ordinal),
            inputs.DistinctBy(i => i.Item1, StringComparer.Ordinal)
                .ToDictionary(i => i.Item1, i => new PortRef(new string(i.Item2), new string(i.Item3)), StringComparer.Ordinal));

    private static readonly Gen<Workflow> Workflows =
        Gen.Select(JsonValueGen.Text, Nodes.Array[0, 6])
            .Select(p => new Workflow(p.Item1, p.Item2.DistinctBy(n => n.Id, StringComparer.Ordinal).ToDictionary(n => n.Id, StringComparer.Ordinal)));

    [Fact]
    public void Serialize_ThenParse_GivesTheSameWorkflow()
    {
        Workflows.Sample(workflow =>
        {
            var text = WorkflowJson.Serialize(workflow);
            var parsed = WorkflowJson.Parse(text);
            Assert.Equal(text, WorkflowJson.Serialize(parsed));
            Assert.Equal(workflow.Name, parsed.Name);
            Assert.Equal(workflow.Nodes.Keys.Order(StringComparer.Ordinal), parsed.Nodes.Keys);
            foreach (var (id, node) in workflow.Nodes)
            {
                var back = parsed.Nodes[id];
                Assert.Equal((node.Type, node.Version), (back.Type, back.Version));
                Assert.Equal(node.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal), back.Inputs);
                Assert.Equal(
                    node.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, CanonicalJson.Serialize(p.Value))),
                    back.Parameters.Select(p => (p.Key, CanonicalJson.Serialize(p.Value))));
            }
        });
    }

    [Fact]
    public void Parse_AFullWorkflow_ReadsEveryPart()
    {
        var workflow = WorkflowJson.Parse("""
            {
              "$schema": "https://takt.example/workflow.json",
              "name": "thumbs",
              "description": "resize and caption",
              "nodes": {
                "load": {"type": "takt.load", "title": "Load", "params": {"path": "in.png"}},
                "small": {"type": "takt.resize@2", "description": "x", "params": {"width": 256}, "inputs": {"image": "load.image"}},
                "caption": {"type": "takt.caption", "version": 1, "inputs": {"image": "small.image"}}
              }
            }
            """);

        Assert.Equal("thumbs", workflow.Name);
        Assert.Equal(["caption", "load", "small"], workflow.Nodes.Keys);
        Assert.Equal(("takt.resize", (int?)2), (workflow.Nodes["small"].Type, workflow.Nodes["small"].Version));
        Assert.Equal(("takt.load", (int?)null), (workflow.Nodes["load"].Type, workflow.Nodes["load"].Version));
        Assert.Equal(1, workflow.Nodes["caption"].Version);
        Assert.Equal(new PortRef("load", "image"), workflow.Nodes["small"].Inputs["image"]);
        Assert.Equal("in.png", workflow.Nodes["load"].Parameters["path"].GetString());
        Assert.Equal(
            """{"name":"thumbs","nodes":{"caption":{"type":"takt.caption","version":1,"params":{},"inputs":{"image":"small.image"}},"load":{"type":"takt.load","params":{"path":"in.png"},"inputs":{}},"small":{"type":"takt.resize","version":2,"params":{"width":256},"inputs":{"image":"load.image"}}}}""",
            WorkflowJson.Serialize(workflow));
    }

    [Theory]
    [InlineData("takt.resize@2", null, "takt.resize", 2)]
    [InlineData("takt.resize@2", "2", "takt.resize", 2)]
    [InlineData("takt.resize", "3", "takt.resize", 3)]
    [InlineData("takt.resize@12", null, "takt.resize", 12)]
    public void Parse_TypeAtVersion_SetsTheVersion(string type, string? version, string name, int expected)
    {
        var node = WorkflowJson.Parse($$$$$"""{"nodes":{"n":{"type":"{{{{{type}}}}}"{{{{{(version is null ? "" : $",\"version\":{version}")}}}}}}}}""").Nodes["n"];
        Assert.Equal((name, (int?)expected), (node.Type, node.Version));
    }

    [Theory]
    [InlineData("""{"type":"takt.resize@2","version":3}""")]
    [InlineData("""{"version":3,"type":"takt.resize@2"}""")]
    public void Parse_TypeAtVersionThatDisagreesWithVersion_IsAnError(string node)
    {
        var problem = Assert.Single(Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"n":{{{{{node}}}}}}}""")).Problems);
        Assert.Equal("n", problem.Node);
        Assert.Contains("version", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("takt.resize@0")]
    [InlineData("@2")]
    [InlineData("Takt.Resize")]
    [InlineData("takt resize")]
    [InlineData("")]
    public void Parse_BadTypeNames_AreRejected(string type)
    {
        var problem = Assert.Single(Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"n":{"type":"{{{{{type}}}}}"}}}""")).Problems);
        Assert.Equal(("n", "invalid-workflow"), (problem.Node, problem.Code));
        Assert.Contains("is not a node type name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_NamesLineAndByte()
    {
        var error = Throws(() => WorkflowJson.Parse("{\n  \"name\": \"x\",\n  \"nodes\": {,}\n}"));
        Assert.Contains("not valid JSON (line 3, byte 13)", error.Message, StringComparison.Ordinal);
        Assert.Equal("invalid-workflow", Assert.Single(error.Problems).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"nodes\": {}} trailing")]
    [InlineData("{'nodes': {}}")]
    [InlineData("{\"nodes\": {},}")]
    [InlineData("{\"nodes\": {\"a\": {\"type\": \"takt.load\", /* comment */}}}")]
    public void Parse_NotJson_IsAWorkflowException(string text)
    {
        Assert.Contains("not valid JSON (line ", Throws(() => WorkflowJson.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"workflow\"")]
    [InlineData("null")]
    public void Parse_RootThatIsNotAnObject_IsRejected(string text)
    {
        Assert.Contains("must be a JSON object", Throws(() => WorkflowJson.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAndMistypedFields_AreAllReported()
    {
        var error = Throws(() => WorkflowJson.Parse("""
            {
              "name": 3,
              "nodez": {},
              "nodes": {
                "a": {"type": "takt.load", "param": {"path": "x"}},
                "b": {"type": "takt.load", "version": "2", "params": [], "inputs": {"image": "a"}},
                "c": {"type": "takt.load", "version": 0},
                "d": ["takt.load"],
                "e": {"params": {}},
                "f g": {"type": "takt.load"}
              }
            }
            """));

        Assert.Contains(error.Problems, p => p.Node is null && p.Message == "\"name\" must be a string");
        Assert.Contains(error.Problems, p => p.Node is null && p.Message.Contains("unknown field \"nodez\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "a" && p.Message.Contains("unknown field \"param\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "b" && p.Message == "\"version\" has the wrong JSON type");
        Assert.Contains(error.Problems, p => p.Node == "b" && p.Message == "\"params\" has the wrong JSON type");
        Assert.Contains(error.Problems, p => (p.Node, p.Port, p.Code) == ("b", "image", "bad-input-reference"));
        Assert.Contains(error.Problems, p => p.Node == "c" && p.Message.Contains("\"version\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "d" && p.Message.Contains("must be an object", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "e" && p.Message == "\"type\" is missing");
        Assert.Contains(error.Problems, p => p.Node == "f g" && p.Message.Contains("node ids are", StringComparison.Ordinal));
        Assert.Equal(10, error.Problems.Count);
        Assert.StartsWith("10 problems: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "\"nodes\" is missing")]
    [InlineData("""{"nodes": []}""", "\"nodes\" must be an object keyed by node id")]
    [InlineData("""{"nodes": {"a": {"type": "takt.load"}, "a": {"type": "takt.load"}}}""", "node id appears twice")]
    [InlineData("""{"nodes": {"a": {"type": "takt.load", "type": "takt.caption"}}}""", "\"type\" appears twice")]
    [InlineData("""{"nodes": {"a": {"type": "takt.load", "params": {"path": "x", "path": "y"}}}}""", "parameter 'path' appears twice")]
    [InlineData("""{"nodes": {"a": {"type": "takt.caption", "inputs": {"image": "x.image", "image": "y.image"}}}}""", "input 'image' appears twice")]
    [InlineData("""{"name": "a", "name": "b", "nodes": {}}""", "\"name\" appears twice")]
    public void Parse_MissingOrRepeatedParts_AreRejected(string text, string message)
    {
        Assert.Contains(Throws(() => WorkflowJson.Parse(text)).Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("load")]
    [InlineData(".image")]
    [InlineData("load.")]
    [InlineData("")]
    public void Parse_BadInputReferences_NameNodeAndPort(string reference)
    {
        var problem = Assert.Single(Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"r":{"type":"takt.caption","inputs":{"image":"{{{{{reference}}}}}"}}}}""")).Problems);
        Assert.Equal(("r", "image", "bad-input-reference"), (problem.Node, problem.Port, problem.Code));
        Assert.Equal("node 'r' image: an input is written \"node.port\"", problem.ToString());
    }

    [Fact]
    public void Parse_NodeIdOfSixtyFourCharacters_IsFineButSixtyFiveIsNot()
    {
        var ok = new string('a', 64);
        Assert.True(WorkflowJson.Parse($$$$$"""{"nodes":{"{{{{{ok}}}}}":{"type":"takt.load"}}}""").Nodes.ContainsKey(ok));
        Throws(() => WorkflowJson.Parse($$$$$"""{"nodes":{"{{{{{ok}}}}}b":{"type":"takt.load"}}}"""));
    }
}
