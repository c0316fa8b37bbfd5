using Takt.Domain.Lineage;

namespace Takt.Provenance.Lineage;

/// <summary>A revocation and the lineage nodes of its work's assets: where its opt-out impact starts.</summary>
public sealed record RevocationTargets(Guid Revocation, Guid Work, string WorkKey, string WorkTitle, DateTimeOffset EffectiveAt, IReadOnlyList<LineageNodeId> Assets);
