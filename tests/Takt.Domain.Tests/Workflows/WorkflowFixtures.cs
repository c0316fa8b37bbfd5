using System.Text.Json;
using Takt.Domain.Workflows;

namespace Takt.Domain.Tests.Workflows;

/// <summary>A small catalogue with every parameter kind, two versions of one type, and a generic node for random graphs.</summary>
internal static class WorkflowFixtures
{
    public static readonly NodeType Load = new(
        "takt.load", 1, "builtin",
        [],
        [new PortSpec("image", PortType.Image), new PortSpec("caption", PortType.Text)],
        [new ParameterSpec("path", ParameterKind.Text)]);

    public static readonly NodeType ResizeV1 = new(
        "takt.resize", 1, "builtin",
        [new PortSpec("image", PortType.Image)],
        [new PortSpec("image", PortType.Image)],
        [new ParameterSpec("width", ParameterKind.WholeNumber, Min: 1, Max: 8192)]);

    public static readonly NodeType ResizeV2 = new(
        "takt.resize", 2, "builtin",
        [new PortSpec("image", PortType.Image), new PortSpec("mask", PortType.Mask, Optional: true)],
        [new PortSpec("image", PortType.Image)],
        [
            new ParameterSpec("width", ParameterKind.WholeNumber, Min: 1, Max: 8192),
            new ParameterSpec("fit", ParameterKind.Choice, Json("\"cover\""), Choices: ["cover", "contain"]),
            new ParameterSpec("strength", ParameterKind.Number, Json("0.5"), Min: 0, Max: 1),
            new ParameterSpec("sharpen", ParameterKind.Boolean, Json("false")),
            new ParameterSpec("label", ParameterKind.Text, Json("\"\"")),
            new ParameterSpec("extra", ParameterKind.Json, Json("{}")),
        ]);

    public static readonly NodeType Caption = new(
        "takt.caption", 1, "builtin",
        [new PortSpec("image", PortType.Image)],
        [new PortSpec("text", PortType.Text)],
        []);

    /// <summary>Any number of optional JSON inputs, so random graphs can wire anything to anything.</summary>
    public static readonly NodeType Pass = new(
        "takt.pass", 1, "builtin",
        [.. PassPorts.Select(p => new PortSpec(p, PortType.Json, Optional: true))],
        [new PortSpec("out", PortType.Json)],
        [new ParameterSpec("value", ParameterKind.Json, Json("null"))]);

    public static readonly NodeCatalog Catalog = new([Load, ResizeV1, ResizeV2, Caption, Pass]);

    public static IReadOnlyList<string> PassPorts => ["a", "b", "c", "d"];

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static WorkflowNode Node(string id, string type, int? version = null, Dictionary<string, JsonElement>? parameters = null, Dictionary<string, PortRef>? inputs = null) =>
        new(id, type, version, parameters ?? [], inputs ?? []);

    public static Workflow Workflow(params WorkflowNode[] nodes) =>
        new("test", nodes.ToDictionary(n => n.Id, StringComparer.Ordinal));

    /// <summary>A graph of pass nodes: <paramref name="edges"/> are (from, to) pairs by index, at most four into one node.</summary>
    public static Workflow Graph(IReadOnlyList<string> ids, IEnumerable<(int From, int To)> edges, IEnumerable<int>? insertionOrder = null)
    {
        var inputs = ids.Select(_ => new Dictionary<string, PortRef>(StringComparer.Ordinal)).ToList();
        foreach (var (from, to) in edges)
        {
            if (inputs[to].Count < PassPorts.Count)
            {
                inputs[to][PassPorts[inputs[to].Count]] = new PortRef(ids[from], "out");
            }
        }

        var nodes = new Dictionary<string, WorkflowNode>(StringComparer.Ordinal);
        foreach (var i in insertionOrder ?? Enumerable.Range(0, ids.Count))
        {
            nodes[ids[i]] = Node(ids[i], "takt.pass", inputs: inputs[i]);
        }

        return new Workflow("graph", nodes);
    }

    public static WorkflowException Throws(Action action) => Assert.Throws<WorkflowException>(action);

    public static WorkflowProblem Single(IEnumerable<WorkflowProblem> problems, string code) =>
        Assert.Single(problems, p => string.Equals(p.Code, code, StringComparison.Ordinal));
}
