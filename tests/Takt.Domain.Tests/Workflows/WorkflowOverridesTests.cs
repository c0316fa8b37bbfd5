using System.Text.Json;
using Takt.Domain.Workflows;
using static Takt.Domain.Tests.Workflows.WorkflowFixtures;

namespace Takt.Domain.Tests.Workflows;

public sealed class WorkflowOverridesTests
{
    private static readonly Workflow Thumbs = WorkflowJson.Parse("""
        {"name": "thumbs", "nodes": {
          "load": {"type": "takt.load", "params": {"path": "in.png"}},
          "small": {"type": "takt.resize", "params": {"width": 256}, "inputs": {"image": "load.image"}}
        }}
        """);

    private static JsonElement After(string assignment, string node, string parameter) =>
        WorkflowOverrides.Apply(Thumbs, [assignment]).Nodes[node].Parameters[parameter];

    [Theory]
    [InlineData("small.width=512", "512")]
    [InlineData("small.strength=0.25", "0.25")]
    [InlineData("small.sharpen=true", "true")]
    [InlineData("small.extra={\"k\": [1, 2]}", "{\"k\":[1,2]}")]
    [InlineData("small.extra=null", "null")]
    [InlineData("small.label=\"quoted\"", "\"quoted\"")]
    [InlineData("small.label= 7 ", "7")]
    public void Apply_JsonValues_AreReadAsJson(string assignment, string expected)
    {
        Assert.Equal(expected, CanonicalJson.Serialize(After(assignment, "small", assignment[6..assignment.IndexOf('=', StringComparison.Ordinal)])));
    }

    [Theory]
    [InlineData("load.path=a cat.png", "a cat.png")]
    [InlineData("load.path=cover", "cover")]
    [InlineData("load.path=", "")]
    [InlineData("load.path=x=y", "x=y")]
    [InlineData("load.path=[1,", "[1,")]
    [InlineData("load.path=True", "True")]
    public void Apply_AnythingElse_IsText(string assignment, string expected)
    {
        var value = After(assignment, "load", "path");
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        Assert.Equal(expected, value.GetString());
    }

    [Fact]
    public void Apply_ChangesOnlyTheNamedParameterAndLeavesTheOriginalAlone()
    {
        var changed = WorkflowOverrides.Apply(Thumbs, ["small.width=64", "small.fit=contain", "small.width=128"]);

        Assert.Equal("""{"fit":"contain","width":128}""", CanonicalJson.Serialize(Json(ParamsOf(changed, "small"))));
        Assert.Equal("""{"width":256}""", CanonicalJson.Serialize(Json(ParamsOf(Thumbs, "small"))));
        Assert.Same(Thumbs.Nodes["load"], changed.Nodes["load"]);
        Assert.Equal(Thumbs.Nodes["small"].Inputs, changed.Nodes["small"].Inputs);
        Assert.Equal("contain", WorkflowValidator.Plan(changed, Catalog)["small"].Parameters["fit"].GetString());
    }

    [Fact]
    public void Apply_NoAssignments_KeepsTheWorkflow()
    {
        Assert.Equal(WorkflowJson.Serialize(Thumbs), WorkflowJson.Serialize(WorkflowOverrides.Apply(Thumbs, [])));
    }

    [Fact]
    public void Apply_ValuesAreCheckedByTheValidatorAfterwards()
    {
        var changed = WorkflowOverrides.Apply(Thumbs, ["small.width=0", "small.colour=red"]);
        Assert.Equal(
            [("small", "colour", "unknown-parameter"), ("small", "width", "out-of-range")],
            WorkflowValidator.Validate(changed, Catalog).Select(p => (p.Node, p.Port, p.Code)).OrderBy(p => p.Port, StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_ADottedParameterName_SplitsAtTheFirstDotBecauseNodeIdsHaveNone()
    {
        var changed = WorkflowOverrides.Apply(Thumbs, ["small.extra.k=1"]);
        Assert.Equal(1, changed.Nodes["small"].Parameters["extra.k"].GetInt32());
    }

    [Fact]
    public void Apply_NestedValues_StayReadableOnceStored()
    {
        var pass = WorkflowJson.Parse("""{"nodes":{"p":{"type":"takt.pass"}}}""");
        var fits = WorkflowOverrides.Apply(pass, [$"p.value={new string('[', 60)}{new string(']', 60)}"]);
        Assert.Equal(WorkflowJson.Serialize(fits), WorkflowJson.Serialize(WorkflowJson.Parse(WorkflowJson.Serialize(fits))));

        var problem = Assert.Single(Throws(() => WorkflowOverrides.Apply(pass, [$"p.value={new string('[', 61)}{new string(']', 61)}"])).Problems);
        Assert.Equal(new WorkflowProblem("p", "value", "bad-override", "the value nests deeper than 60 levels"), problem);
    }

    [Fact]
    public void Apply_UnknownNode_IsNamed()
    {
        var problem = Assert.Single(Throws(() => WorkflowOverrides.Apply(Thumbs, ["big.width=2"])).Problems);
        Assert.Equal(new WorkflowProblem("big", "width", "unknown-node", "--set names node 'big', which the workflow does not have"), problem);
    }

    [Theory]
    [InlineData("width=512")]
    [InlineData("small.width")]
    [InlineData(".width=1")]
    [InlineData("small.=1")]
    [InlineData("=1")]
    [InlineData("")]
    [InlineData("small=1.5")]
    public void Apply_MalformedAssignment_IsABadOverride(string assignment)
    {
        var problem = Assert.Single(Throws(() => WorkflowOverrides.Apply(Thumbs, [assignment])).Problems);
        Assert.Equal(new WorkflowProblem(null, null, "bad-override", $"'{assignment}' is not node.param=value"), problem);
    }

    [Fact]
    public void Apply_EveryBadAssignment_IsReportedAtOnce()
    {
        var error = Throws(() => WorkflowOverrides.Apply(Thumbs, ["small.width=1", "nope", "ghost.x=1", "small.fit=contain", "=2"]));
        Assert.Equal(["bad-override", "unknown-node", "bad-override"], error.Problems.Select(p => p.Code));
    }

    private static string ParamsOf(Workflow workflow, string node) =>
        "{" + string.Join(",", workflow.Nodes[node].Parameters.Select(p => $"\"{p.Key}\":{p.Value.GetRawText()}")) + "}";
}
