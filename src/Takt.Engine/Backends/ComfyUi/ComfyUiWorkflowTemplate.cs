using System.Text.Json;
using System.Text.Json.Nodes;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// Turns any ComfyUI API-format workflow into a Takt node type: a template file names which
/// workflow inputs are Takt parameters, which LoadImage inputs take uploaded Takt inputs, which
/// output nodes fill Takt outputs, and which inputs name models (for lineage). The file format is
/// documented in <c>docs/comfyui.md</c>; parsing is strict and reports every problem at once.
/// </summary>
public sealed partial class ComfyUiWorkflowTemplate
{
    public const string Capability = "comfyui";
    private readonly JsonObject _workflow;

    private ComfyUiWorkflowTemplate(
        string name,
        int version,
        string? description,
        JsonObject workflow,
        IReadOnlyList<ComfyUiTemplateParameter> parameters,
        IReadOnlyList<ComfyUiTemplateInput> inputs,
        IReadOnlyList<ComfyUiTemplateOutput> outputs,
        string? seedParameter,
        IReadOnlyList<ComfyUiTemplateModel> models,
        string source)
    {
        Name = name;
        Version = version;
        Description = description;
        _workflow = workflow;
        Parameters = parameters;
        Inputs = inputs;
        Outputs = outputs;
        SeedParameter = seedParameter;
        Models = models;
        Source = source;
    }

    /// <summary>The template's own name; the node type is <c>comfyui.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    public int Version { get; }

    public string? Description { get; }

    public IReadOnlyList<ComfyUiTemplateParameter> Parameters { get; }

    public IReadOnlyList<ComfyUiTemplateInput> Inputs { get; }

    public IReadOnlyList<ComfyUiTemplateOutput> Outputs { get; }

    /// <summary>The parameter holding the seed, when the workflow is seeded.</summary>
    public string? SeedParameter { get; }

    public IReadOnlyList<ComfyUiTemplateModel> Models { get; }

    /// <summary>Where the template came from (a file path), for messages.</summary>
    public string Source { get; }

    public string NodeTypeName => $"{Capability}.{Name}";

    /// <summary>The workflow's node classes, for checking a server offers them all.</summary>
    public IReadOnlySet<string> ClassTypes =>
        _workflow.Select(n => (string)n.Value!["class_type"]!).ToHashSet(StringComparer.Ordinal);

    /// <summary>A copy of the API-format workflow as the template holds it, before substitution.</summary>
    public JsonObject Workflow => (JsonObject)_workflow.DeepClone();

    public NodeType ToNodeType() => new(
        NodeTypeName,
        Version,
        Capability,
        Inputs.Select(i => i.Port).ToList(),
        Outputs.Select(o => o.Port).ToList(),
        Parameters.Select(p => p.Spec).ToList(),
        SeedParameter is null ? SeedSupport.Deterministic : SeedSupport.Seeded,
        Description);

    /// <summary>
    /// Checks the template against what a server offers: every class exists, every targeted input
    /// is one the class takes, every output node is an output node. Returns the problems found.
    /// </summary>
    public IReadOnlyList<string> Check(ComfyUiObjectInfo objectInfo)
    {
        var problems = new List<string>();
        foreach (var (id, node) in _workflow)
        {
            var classType = (string)node!["class_type"]!;
            if (objectInfo.Find(classType) is null)
            {
                problems.Add($"node {id} is a {classType}, which the server does not offer (a missing custom node?)");
            }
        }

        var targets = Parameters.SelectMany(p => p.Targets.Select(t => (What: $"parameter '{p.Spec.Name}'", Target: t)))
            .Concat(Inputs.SelectMany(i => i.Targets.Select(t => (What: $"input '{i.Port.Name}'", Target: t))))
            .Concat(Models.Select(m => (What: $"model ({m.Role})", m.Target)));
        foreach (var (what, target) in targets)
        {
            var classType = (string)_workflow[target.NodeId]!["class_type"]!;
            if (objectInfo.Find(classType) is { } nodeClass && !nodeClass.Inputs.Contains(target.Input))
            {
                problems.Add($"{what}: target '{target}': {classType} has no input '{target.Input}' on this server");
            }
        }

        foreach (var output in Outputs)
        {
            var classType = (string)_workflow[output.NodeId]!["class_type"]!;
            if (objectInfo.Find(classType) is { OutputNode: false })
            {
                problems.Add($"output '{output.Port.Name}': node {output.NodeId} ({classType}) is not an output node, so ComfyUI would not run it");
            }
        }

        return problems;
    }

    /// <summary>Reads a template file; every problem in it is reported in one <see cref="ComfyUiTemplateException"/>.</summary>
    public static ComfyUiWorkflowTemplate Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The seed this invocation runs with, when the template declares one.</summary>
    public long? SeedOf(NodeInvocation invocation)
    {
        if (SeedParameter is null)
        {
            return null;
        }

        var value = ValueOf(Parameters.First(p => string.Equals(p.Spec.Name, SeedParameter, StringComparison.Ordinal)), invocation);
        return value.TryGetInt64(out var seed) ? seed : value.TryGetUInt64(out var big) ? unchecked((long)big) : null;
    }

    private JsonElement ValueOf(ComfyUiTemplateParameter parameter, NodeInvocation invocation)
    {
        if (invocation.Parameters.TryGetValue(parameter.Spec.Name, out var value) && value.ValueKind != JsonValueKind.Undefined)
        {
            return value;
        }

        return parameter.Spec.Default ?? throw new BackendException($"{NodeTypeName}: parameter '{parameter.Spec.Name}' is required but was not given", transient: false);
    }
}
