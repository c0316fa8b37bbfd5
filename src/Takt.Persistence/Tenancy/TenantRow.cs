namespace Takt.Persistence.Tenancy;

/// <summary>A studio or IP holder, with its consent policy flattened into columns.</summary>
public sealed class TenantRow
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>Comma-separated category names never offered for training.</summary>
    public required string ExcludedCategories { get; set; }

    public int RemovalDeadlineDays { get; set; }

    public bool RetrainFromScratch { get; set; }

    public bool SharedPool { get; set; }

    /// <summary>λ of the revenue split: the weight of the count share against the attribution share.</summary>
    public decimal RevenueCountWeight { get; set; } = 0.5m;

    public DateTimeOffset CreatedAt { get; set; }
}
