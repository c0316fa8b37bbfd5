namespace Takt.Persistence.Consent;

/// <summary>An immutable consent statement; a later statement supersedes an earlier one.</summary>
public sealed class ConsentGrantRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid WorkId { get; set; }

    public required string Purpose { get; set; }

    public required string State { get; set; }

    public required string Source { get; set; }

    public string? Terms { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
