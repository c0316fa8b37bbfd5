namespace Takt.Archive.Audit;

/// <summary>Something to write into the audit log; the log assigns its sequence and hash.</summary>
public sealed record AuditRecord(Guid? TenantId, string Kind, string Subject, object Payload);
