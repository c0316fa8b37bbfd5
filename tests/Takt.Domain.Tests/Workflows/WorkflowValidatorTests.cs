using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.WorkflowFixtures;

namespace Takt.Domain.Tests.Workflows;

public sealed class WorkflowValidatorTests
{
    private const string Load = """ "load": {"type": "takt.load", "params": {"path": "in.png"}}""";

    private static WorkflowProblem OnlyProblem(string nodes)
    {
        var workflow = WorkflowJson.Parse($$$$$"""{"name": "t", "nodes": { {{{{{nodes}}}}} }}""");
        var problem = Assert.Single(WorkflowValidator.Validate(workflow, Catalog));
        Assert.Equal(problem, Assert.Single(Throws(() => WorkflowValidator.Plan(workflow, Catalog)).Problems));
        return problem;
    }

    [Theory]
    [InlineData("""{"type": "takt.nope"}""", null, "unknown-node-type", "unknown node type 'takt.nope'")]
    [InlineData("""{"type": "takt.resize@3", "params": {"width": 1}}""", null, "unknown-node-version", "'takt.resize' has no version 3 (known: 1, 2)")]
    [InlineData("""{"type": "takt.resize@2", "params": {"width": 1, "widht": 2}, "inputs": {"image": "load.image"}}""", "widht", "unknown-parameter", "'takt.resize@2' has no parameter 'widht' (parameters: width, fit, strength, sharpen, label, extra)")]
    [InlineData("""{"type": "takt.caption", "params": {"x": 2}, "inputs": {"image": "load.image"}}""", "x", "unknown-parameter", "'takt.caption@1' has no parameter 'x' (parameters: none)")]
    [InlineData("""{"type": "takt.resize", "inputs": {"image": "load.image"}}""", "width", "missing-parameter", "required parameter has no value")]
    [InlineData("""{"type": "takt.resize", "params": {"width": "big"}, "inputs": {"image": "load.image"}}""", "width", "parameter-type", "expects a whole number, got text \"big\"")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 1.5}, "inputs": {"image": "load.image"}}""", "width", "parameter-type", "expects a whole number, got 1.5")]
    [InlineData("""{"type": "takt.resize", "params": {"width": null}, "inputs": {"image": "load.image"}}""", "width", "parameter-type", "expects a whole number, got null")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 1, "strength": [1]}, "inputs": {"image": "load.image"}}""", "strength", "parameter-type", "expects a number, got a list")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 1, "sharpen": "yes"}, "inputs": {"image": "load.image"}}""", "sharpen", "parameter-type", "expects true or false, got text \"yes\"")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 1, "label": {}}, "inputs": {"image": "load.image"}}""", "label", "parameter-type", "expects text, got an object")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 1, "fit": 3}, "inputs": {"image": "load.image"}}""", "fit", "parameter-type", "expects one of cover, contain, got number 3")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 0}, "inputs": {"image": "load.image"}}""", "width", "out-of-range", "0 is outside 1..8192")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 8193}, "inputs": {"image": "load.image"}}""", "width", "out-of-range", "8193 is outside 1..8192")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 2, "strength": -0.5}, "inputs": {"image": "load.image"}}""", "strength", "out-of-range", "-0.5 is outside 0..1")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 2, "fit": "fill"}, "inputs": {"image": "load.image"}}""", "fit", "not-a-choice", "'fill' is not one of cover, contain")]
    [InlineData("""{"type": "takt.caption", "inputs": {"image": "load.image", "img": "load.image"}}""", "img", "unknown-input", "'takt.caption@1' has no input 'img' (inputs: image)")]
    [InlineData("""{"type": "takt.caption", "inputs": {"image": "lode.image"}}""", "image", "unknown-source-node", "comes from 'lode.image', but there is no node 'lode'")]
    [InlineData("""{"type": "takt.caption", "inputs": {"image": "load.picture"}}""", "image", "unknown-source-port", "comes from 'load.picture', but 'takt.load@1' has no output 'picture' (outputs: image, caption)")]
    [InlineData("""{"type": "takt.caption", "inputs": {"image": "load.caption"}}""", "image", "type-mismatch", "expects image but 'load.caption' gives text")]
    [InlineData("""{"type": "takt.resize", "params": {"width": 2}, "inputs": {"image": "load.image", "mask": "load.image"}}""", "mask", "type-mismatch", "expects mask but 'load.image' gives image")]
    [InlineData("""{"type": "takt.caption"}""", "image", "missing-input", "required image input is not connected")]
    public void Validate_EachProblem_NamesItsNodeAndPort(string node, string? port, string code, string message)
    {
        var problem = OnlyProblem($"{Load}, \"x\": {node}");
        Assert.Equal(new WorkflowProblem("x", port, code, message), problem);
        Assert.Equal(port is null ? $"node 'x': {message}" : $"node 'x' {port}: {message}", problem.ToString());
    }

    [Fact]
    public void Validate_TwoNodesFeedingEachOther_IsACycleNamedInDataFlowOrder()
    {
        var problem = OnlyProblem($$$$$"""
            {{{{{Load}}}}},
            "b": {"type": "takt.resize", "params": {"width": 2}, "inputs": {"image": "a.image"}},
            "a": {"type": "takt.resize", "params": {"width": 2}, "inputs": {"image": "b.image"}},
            "after": {"type": "takt.caption", "inputs": {"image": "a.image"}}
            """);
        Assert.Equal(new WorkflowProblem("a", null, "cycle", "cycle: a → b → a"), problem);
    }

    [Fact]
    public void Validate_ANodeFeedingItself_IsACycle()
    {
        Assert.Equal("cycle: me → me", OnlyProblem(""" "me": {"type": "takt.pass", "inputs": {"a": "me.out"}}""").Message);
    }

    [Fact]
    public void Validate_LongerCycle_StartsAtItsSmallestIdAndFollowsTheData()
    {
        Assert.Equal("cycle: c → m → z → c", OnlyProblem("""
            "z": {"type": "takt.pass", "inputs": {"a": "m.out"}},
            "c": {"type": "takt.pass", "inputs": {"a": "z.out"}},
            "m": {"type": "takt.pass", "inputs": {"a": "c.out", "b": "q.out"}},
            "q": {"type": "takt.pass"}
            """).Message);
    }

    [Fact]
    public void Validate_TwoSeparateCycles_AreBothReported()
    {
        var workflow = WorkflowJson.Parse("""
            {"nodes": {
              "a": {"type": "takt.pass", "inputs": {"a": "b.out"}},
              "b": {"type": "takt.pass", "inputs": {"a": "a.out"}},
              "c": {"type": "takt.pass", "inputs": {"a": "d.out"}},
              "d": {"type": "takt.pass", "inputs": {"a": "c.out", "b": "b.out"}}
            }}
            """);
        Assert.Equal(["cycle: a → b → a", "cycle: c → d → c"], WorkflowValidator.Validate(workflow, Catalog).Select(p => p.Message));
    }

    [Fact]
    public void Validate_NoNodes_IsAnEmptyWorkflow()
    {
        var workflow = WorkflowJson.Parse("""{"name": "none", "nodes": {}}""");
        Assert.Equal([new WorkflowProblem(null, null, "empty-workflow", "the workflow has no nodes")], WorkflowValidator.Validate(workflow, Catalog));
        Assert.Equal("the workflow has no nodes", Throws(() => WorkflowValidator.Plan(workflow, Catalog)).Message);
    }

    [Fact]
    public void Validate_FiveDifferentProblems_AreAllReportedAtOnce()
    {
        var workflow = WorkflowJson.Parse("""
            {"nodes": {
              "load": {"type": "takt.load"},
              "small": {"type": "takt.resize", "params": {"width": 0, "fit": "fill"}, "inputs": {"image": "load.caption"}},
              "mystery": {"type": "takt.mystery"},
              "words": {"type": "takt.caption"}
            }}
            """);
        var problems = WorkflowValidator.Validate(workflow, Catalog);

        Assert.Equal(
            [("load", "path", "missing-parameter"), ("mystery", null, "unknown-node-type"), ("small", "fit", "not-a-choice"), ("small", "image", "type-mismatch"), ("small", "width", "out-of-range"), ("words", "image", "missing-input")],
            problems.Select(p => (p.Node, p.Port, p.Code)).Order());
        var error = Throws(() => WorkflowValidator.Plan(workflow, Catalog));
        Assert.Equal(problems, error.Problems);
        Assert.StartsWith("6 problems: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("node 'small' width: 0 is outside 1..8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ANodeOfUnknownType_DoesNotBlameTheNodesItFeeds()
    {
        var problem = OnlyProblem("""
            "src": {"type": "takt.gone"},
            "words": {"type": "takt.caption", "inputs": {"image": "src.anything"}}
            """);
        Assert.Equal(("src", "unknown-node-type"), (problem.Node, problem.Code));
    }

    [Fact]
    public void Validate_CyclesAreReportedAlongsideOtherProblems()
    {
        var workflow = WorkflowJson.Parse("""
            {"nodes": {
              "a": {"type": "takt.pass", "params": {"nope": 1}, "inputs": {"a": "b.out"}},
              "b": {"type": "takt.unknown", "inputs": {"x": "a.out"}}
            }}
            """);
        Assert.Equal(["unknown-parameter", "unknown-node-type", "cycle"], WorkflowValidator.Validate(workflow, Catalog).Select(p => p.Code).Order().Reverse());
    }

    [Fact]
    public void Plan_FillsInDefaultsAndTakesTheNewestVersion()
    {
        var plan = WorkflowValidator.Plan(WorkflowJson.Parse($$$$$"""
            {"nodes": {
              {{{{{Load}}}}},
              "new": {"type": "takt.resize", "params": {"width": 64}, "inputs": {"image": "load.image"}},
              "old": {"type": "takt.resize@1", "params": {"width": 32}, "inputs": {"image": "new.image"}},
              "set": {"type": "takt.resize", "version": 2, "params": {"width": 16, "fit": "contain", "extra": {"k": [1]}}, "inputs": {"image": "old.image"}}
            }}
            """), Catalog);

        Assert.Equal(["load", "new", "old", "set"], plan.Order.Select(n => n.Id));
        Assert.Equal(ResizeV2, plan["new"].Type);
        Assert.Equal(
            """{"extra":{},"fit":"cover","label":"","sharpen":false,"strength":0.5,"width":64}""",
            Canonical(plan["new"].Parameters));
        Assert.Equal(ResizeV1, plan["old"].Type);
        Assert.Equal("""{"width":32}""", Canonical(plan["old"].Parameters));
        Assert.Equal(
            """{"extra":{"k":[1]},"fit":"contain","label":"","sharpen":false,"strength":0.5,"width":16}""",
            Canonical(plan["set"].Parameters));
        Assert.Equal(["old"], plan["set"].Dependencies);
        Assert.Empty(plan["load"].Dependencies);
    }

    [Fact]
    public void Plan_ANodeReadingTwoOutputsOfOneNode_DependsOnItOnce()
    {
        var plan = WorkflowValidator.Plan(WorkflowJson.Parse("""
            {"nodes": {
              "z": {"type": "takt.pass"},
              "y": {"type": "takt.pass", "inputs": {"a": "z.out", "b": "z.out", "c": "x.out"}},
              "x": {"type": "takt.pass"}
            }}
            """), Catalog);
        Assert.Equal(["x", "z", "y"], plan.Order.Select(n => n.Id));
        Assert.Equal(["x", "z"], plan["y"].Dependencies);
    }

    [Fact]
    public void Validate_NumberBeyondDoubleRange_IsAProblemNotACrash()
    {
        foreach (var width in new[] { "1e400", "-1e400" })
        {
            var problem = OnlyProblem(Load + """, "x": {"type": "takt.resize", "inputs": {"image": "load.image"}, "params": {"width": """ + width + "}}");
            Assert.Equal(("x", "width", "parameter-type"), (problem.Node, problem.Port, problem.Code));
        }

        var plan = WorkflowValidator.Plan(WorkflowJson.Parse("""{"nodes": {"p": {"type": "takt.pass", "params": {"value": [1e400, 1e-400]}}}}"""), Catalog);
        Assert.NotEqual(
            NodeCacheKey.Compute(Pass, plan["p"].Parameters, new Dictionary<string, string>()),
            NodeCacheKey.Compute(Pass, new Dictionary<string, System.Text.Json.JsonElement> { ["value"] = Json("[1e401, 1e-400]") }, new Dictionary<string, string>()));
    }

    private static string Canonical(IReadOnlyDictionary<string, System.Text.Json.JsonElement> parameters) =>
        CanonicalJson.Serialize(Json("{" + string.Join(",", parameters.Select(p => $"\"{p.Key}\":{p.Value.GetRawText()}")) + "}"));
}
