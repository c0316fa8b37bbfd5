namespace Takt.Persistence.Consent;

public sealed class RevocationRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid WorkId { get; set; }

    /// <summary>Comma-separated purpose names.</summary>
    public required string Purposes { get; set; }

    public DateTimeOffset EffectiveAt { get; set; }

    public DateTimeOffset RemovalDeadline { get; set; }

    public bool RetrainFromScratch { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
