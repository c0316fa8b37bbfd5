using Takt.Domain.Rights;

namespace Takt.Domain.Tenancy;

/// <summary>A tenant's standing rules for consent: what is never offered, and how revocations are handled.</summary>
public sealed record TenantPolicy
{
    /// <summary>The field's reference policy removes withdrawn works within 60 days.</summary>
    public static readonly TimeSpan DefaultRemovalDeadline = TimeSpan.FromDays(60);

    public static TenantPolicy Default { get; } = new();

    /// <summary>Categories never offered for any training, whatever a grant says.</summary>
    public IReadOnlySet<WorkCategory> ExcludedFromTraining { get; init; } =
        new HashSet<WorkCategory> { WorkCategory.Commission, WorkCategory.PrivateMessage, WorkCategory.GalleryOnly };

    public TimeSpan RemovalDeadline { get; init; } = DefaultRemovalDeadline;

    /// <summary>Whether a revocation demands retraining affected models from scratch by default.</summary>
    public bool RetrainFromScratch { get; init; }

    /// <summary>
    /// λ in the revenue split w = λ·count share + (1−λ)·attribution share: how much a contributor is
    /// paid for being used at all (as stock-content funds do) against how much their work shaped the product.
    /// </summary>
    public decimal RevenueCountWeight { get; init; } = 0.5m;

    /// <summary>Whether this tenant feeds the shared common model at all (walled garden when false).</summary>
    public bool ContributesToSharedPool { get; init; }
}
