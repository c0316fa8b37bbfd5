namespace Takt.Domain.Lineage;

/// <summary>One <c>derivedFrom(child, parent, weight, role)</c> edge, as the child declares it.</summary>
public sealed record ParentLink(LineageNodeId Parent, double Weight, EdgeRole Role);
