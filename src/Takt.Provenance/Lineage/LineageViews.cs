using Takt.Domain.Lineage;

namespace Takt.Provenance.Lineage;

/// <summary>A node as people read it.</summary>
public sealed record NodeSummary(Guid Id, string Kind, string Label, Guid? TenantId, string? Reference);

/// <summary>A node with its parents (weights and roles) and its direct children; parents outside the asker's tenant are only counted.</summary>
public sealed record NodeView(NodeSummary Node, DateTimeOffset RecordedAt, string? Attributes, IReadOnlyList<ParentView> Parents, IReadOnlyList<NodeSummary> Children, int ChildCount, IReadOnlyList<Guid> InvalidatedBy, int ParentsOutsideScope = 0);

public sealed record ParentView(NodeSummary Node, double Weight, string Role);

/// <summary>How attribution shares are grouped.</summary>
public enum AttributionGrouping
{
    Contributor,
    Asset,
    Tenant,
}

/// <summary>
/// One source of a node's attribution. <see cref="Source"/> says what it is: a contributor, an
/// asset, a root with no known contributor ("external", such as an imported base model), or a
/// node outside the asker's tenant ("shared-pool"), whose own contributors are not named.
/// </summary>
public sealed record SourceShare(NodeSummary Node, string Source, double Share);

public sealed record AttributionReport(NodeSummary Node, AttributionGrouping By, IReadOnlyList<SourceShare> Shares, IReadOnlyList<TenantShare> Tenants, IReadOnlyList<PathView> Paths, double Total);

public sealed record TenantShare(Guid? TenantId, string Tenant, double Share);

public sealed record PathView(IReadOnlyList<NodeSummary> Nodes, double Weight);

/// <summary>Everything downstream of the targets, grouped by kind; nodes of other tenants are counted, never shown.</summary>
public sealed record ImpactReport(IReadOnlyList<NodeSummary> Targets, IReadOnlyDictionary<string, IReadOnlyList<NodeSummary>> ByKind, int Total, int OutsideScope);

internal static class Views
{
    public static string SourceOf(LineageNodeKind kind, bool outsideScope) =>
        outsideScope ? "shared-pool"
        : kind == LineageNodeKind.Contributor ? "contributor"
        : kind == LineageNodeKind.Asset ? "asset"
        : "external";
}
