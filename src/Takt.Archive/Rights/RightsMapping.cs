using Takt.Domain.Archive;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Persistence.Archive;
using Takt.Persistence.Consent;
using Takt.Persistence.Tenancy;

namespace Takt.Archive.Rights;

/// <summary>Turns stored rows into the Domain's values, so decisions run on the pure model.</summary>
public static class RightsMapping
{
    public static TenantPolicy Policy(TenantRow tenant) => new()
    {
        ExcludedFromTraining = tenant.ExcludedCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => WorkCategories.TryParse(c, out var cat) ? cat : (WorkCategory?)null)
            .OfType<WorkCategory>().ToHashSet(),
        RemovalDeadline = TimeSpan.FromDays(tenant.RemovalDeadlineDays),
        RetrainFromScratch = tenant.RetrainFromScratch,
        ContributesToSharedPool = tenant.SharedPool,
        RevenueCountWeight = tenant.RevenueCountWeight,
    };

    public static ConsentSubject Subject(AssetRow asset, WorkRow work, TenantRow tenant, IEnumerable<ConsentGrantRow> grants, IEnumerable<RevocationRow> revocations) => new()
    {
        Asset = new AssetId(asset.Id),
        Tenant = new TenantId(asset.TenantId),
        Category = WorkCategories.TryParse(work.Category, out var category) ? category : WorkCategory.Production,
        Licence = Licence.TryParse(work.LicenceId, work.LicenceTerms, out var licence, out _) ? licence : Licence.NoAssertion,
        Grants = grants.Select(Grant).OfType<ConsentGrant>().ToList(),
        Revocations = revocations.Select(Revocation).ToList(),
        Policy = Policy(tenant),
    };

    public static ConsentGrant? Grant(ConsentGrantRow row) =>
        Purposes.TryParse(row.Purpose, out var purpose) && ConsentStates.TryParse(row.State, out var state) && ConsentSources.TryParse(row.Source, out var source)
            ? new ConsentGrant(purpose, state, row.EffectiveFrom, source, row.Terms, row.Evidence)
            : null;

    public static Revocation Revocation(RevocationRow row) => new(
        row.Purposes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => Purposes.TryParse(p, out var purpose) ? purpose : (Purpose?)null).OfType<Purpose>().ToHashSet(),
        row.EffectiveAt,
        row.RemovalDeadline,
        row.RetrainFromScratch,
        row.Reason);
}
