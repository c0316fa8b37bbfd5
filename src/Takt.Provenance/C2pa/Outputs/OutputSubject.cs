namespace Takt.Provenance.C2pa.Outputs;

/// <summary>
/// A file about to leave Takt: its title, the lineage node its content is (the Generation of the
/// node that made it, when the engine made it), and the tenant and run it belongs to.
/// </summary>
public sealed record OutputSubject(string Title, Guid? LineageNode, Guid? Tenant, Guid? Run);
