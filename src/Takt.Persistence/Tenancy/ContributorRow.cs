namespace Takt.Persistence.Tenancy;

/// <summary>A person or organisation whose works are archived; <see cref="Key"/> is unique per tenant.</summary>
public sealed class ContributorRow
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
