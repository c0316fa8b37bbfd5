namespace Takt.Persistence.Audit;

/// <summary>One link of the hash-chained audit log. <see cref="Sequence"/> is assigned by the appender, never by the database.</summary>
public sealed class AuditEntryRow
{
    public long Sequence { get; set; }

    public Guid? TenantId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required string Payload { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
