namespace Takt.Provenance.C2pa.Manifests;

/// <summary>
/// Takt's own assertion (<c>org.takt.lineage</c>): the lineage node the file is, the run that made
/// it, and the hash of the attribution snapshot at signing time, so a payout can be tied to the file.
/// </summary>
public sealed record LineageStamp(Guid Node, string? Tenant, Guid? Run, string? AttributionSnapshot);
