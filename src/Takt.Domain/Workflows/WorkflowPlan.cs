namespace Takt.Domain.Workflows;

/// <summary>A workflow that passed validation, its nodes in a topological order (ties by id).</summary>
public sealed record WorkflowPlan(Workflow Workflow, IReadOnlyList<PlannedNode> Order)
{
    private readonly Dictionary<string, PlannedNode> _byId = Order.ToDictionary(n => n.Id, StringComparer.Ordinal);

    public PlannedNode this[string id] => _byId[id];
}
