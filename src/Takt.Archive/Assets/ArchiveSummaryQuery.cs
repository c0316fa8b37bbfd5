using Microsoft.EntityFrameworkCore;
using Takt.Archive.Rights;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Persistence;

namespace Takt.Archive.Assets;

/// <summary>Summaries per tenant, deciding consent for every asset and purpose with the Domain's pure function.</summary>
public sealed class ArchiveSummaryQuery(TaktContextFactory contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<ArchiveSummary>> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var summaries = new List<ArchiveSummary>();
        foreach (var tenant in await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken))
        {
            var assets = await db.Assets.AsNoTracking().Where(a => a.TenantId == tenant.Id).ToListAsync(cancellationToken);
            var works = await db.Works.AsNoTracking().Where(w => w.TenantId == tenant.Id).ToDictionaryAsync(w => w.Id, cancellationToken);
            var grants = (await db.ConsentGrants.AsNoTracking().Where(g => g.TenantId == tenant.Id).ToListAsync(cancellationToken)).ToLookup(g => g.WorkId);
            var revocations = (await db.Revocations.AsNoTracking().Where(r => r.TenantId == tenant.Id).ToListAsync(cancellationToken)).ToLookup(r => r.WorkId);
            var contributors = await db.Contributors.AsNoTracking().Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);

            var tallies = Purposes.All.ToDictionary(p => p, _ => (Allowed: 0, Denied: 0, Reasons: new Dictionary<string, int>(StringComparer.Ordinal)));
            var scope = TenantScope.Own(new TenantId(tenant.Id));
            foreach (var asset in assets)
            {
                var work = works[asset.WorkId];
                var subject = RightsMapping.Subject(asset, work, tenant, grants[work.Id], revocations[work.Id]);
                foreach (var purpose in Purposes.All)
                {
                    // The shared pool is asked about as the pool itself; everything else as the owner.
                    var decision = ConsentPolicy.Decide(subject, purpose, purpose == Purpose.SharedPoolTraining ? TenantScope.SharedPool : scope, now);
                    var t = tallies[purpose];
                    if (decision.IsAllowed)
                    {
                        t.Allowed++;
                    }
                    else
                    {
                        t.Denied++;
                        foreach (var code in decision.Reasons.Select(r => r.Code).Distinct())
                        {
                            t.Reasons[code] = t.Reasons.GetValueOrDefault(code) + 1;
                        }
                    }

                    tallies[purpose] = t;
                }
            }

            summaries.Add(new ArchiveSummary(
                tenant.Slug,
                tenant.Name,
                assets.Count,
                assets.GroupBy(a => a.LayerKind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                contributors,
                tallies.ToDictionary(kv => Purposes.Name(kv.Key), kv => new PurposeTally(kv.Value.Allowed, kv.Value.Denied, kv.Value.Reasons))));
        }

        return summaries;
    }
}
