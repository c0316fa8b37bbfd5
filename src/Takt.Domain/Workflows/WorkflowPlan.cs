namespace Takt.Domain.Workflows;

/// <summary>A workflow that passed validation, its nodes in a topological order (ties by id).</summary>
public sealed record WorkflowPlan(Workflow Workflow, IReadOnlyList<PlannedNode> Order)
{
    public PlannedNode this[string id] => Order.First(n => n.Id == id);
}
