using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Rights;
using Takt.Domain.Consent;
using Takt.Domain.Ledger;
using Takt.Domain.Lineage;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;

namespace Takt.Provenance.Ledger;

public sealed partial class LedgerService
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A contributor's statement: every allocation to them in entries within the period, oldest
    /// period first. Nothing in it depends on when it is asked for, so the same ledger gives the
    /// same bytes, and its hash covers every line.
    /// </summary>
    public async Task<LedgerOutcome<StatementView>> StatementAsync(string contributorRef, string period, string? tenantSlug, CancellationToken cancellationToken)
    {
        if (!RevenuePeriods.IsValid(period))
        {
            return Fail<StatementView>($"period '{period}' is not a year (2026), a quarter (2026-Q4) or a month (2026-10)");
        }

        await using var db = contexts.Create();
        var matches = await db.Contributors.AsNoTracking()
            .Join(db.Tenants.AsNoTracking(), c => c.TenantId, t => t.Id, (c, t) => new { c.Id, c.Key, c.Name, Tenant = t.Slug })
            .Where(c => tenantSlug == null || c.Tenant == tenantSlug).ToListAsync(cancellationToken);
        var found = matches.Where(c => c.Key == contributorRef || string.Equals(c.Id.ToString("D"), contributorRef, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count != 1)
        {
            return Fail<StatementView>(found.Count == 0 ? $"no contributor '{contributorRef}'" : $"'{contributorRef}' names contributors in several tenants; add --tenant");
        }

        var who = found[0];
        var rows = await db.RevenueAllocations.AsNoTracking().Where(a => a.ContributorId == who.Id)
            .Join(db.RevenueEntries.AsNoTracking(), a => a.EntryId, e => e.Id, (a, e) => new { a, e })
            .Join(db.LineageNodes.AsNoTracking().IgnoreQueryFilters(), x => x.e.ProductNodeId, n => n.Id, (x, n) => new { x.a, x.e, Product = n.Label })
            .ToListAsync(cancellationToken);
        var lines = rows.Where(x => RevenuePeriods.Within(x.e.Period, period))
            .OrderBy(x => x.e.Period, StringComparer.Ordinal).ThenBy(x => x.e.Id)
            .Select(x =>
            {
                Currency.TryFind(x.e.Currency, out var unit);
                return new StatementLine(x.e.Id, x.e.Period, x.Product, new Money(x.e.AmountMinor, unit!).ToString(), x.a.Weight, new Money(x.a.AmountMinor, unit!).ToString(), x.e.SnapshotHash);
            }).ToList();
        var totals = rows.Where(x => RevenuePeriods.Within(x.e.Period, period)).GroupBy(x => x.e.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Currency.TryFind(g.Key, out var unit) ? new Money(g.Sum(x => x.a.AmountMinor), unit).ToString() : g.Key).ToList();
        var body = JsonSerializer.Serialize(new { contributor = who.Id, period, lines, totals }, Canonical);
        return new(new StatementView(who.Name, who.Id, period, lines, totals, LedgerSnapshot.Hash(body)), null);
    }

    /// <summary>
    /// The people behind a product, heaviest share first. A contributor is named only where one of
    /// their works in the product allows credits display today; the rest are counted, not named.
    /// </summary>
    public async Task<LedgerOutcome<CreditsView>> CreditsAsync(LineageNodeId product, CancellationToken cancellationToken)
    {
        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(product, out var node) || index.TenantOf(node) is not { } tenant)
        {
            return Fail<CreditsView>($"{product} is not a node of a tenant in the lineage graph");
        }

        var parties = SplitInputs.For(index, node, tenant, out var assets);
        var holdersByAsset = assets.ToDictionary(a => index.IdOf(a).Value, a => index.ParentsOf(a).ToArray().Select(h => index.IdOf(h).Value).ToList());
        await using var db = contexts.Create();
        var allowed = await CreditsAllowedAsync(db, tenant, holdersByAsset.Keys.ToList(), cancellationToken);
        var consenting = holdersByAsset.Where(kv => allowed.Contains(kv.Key)).SelectMany(kv => kv.Value).ToHashSet();
        var artists = holdersByAsset.Values.SelectMany(h => h).ToHashSet();
        var contributors = parties.Where(p => Guid.TryParse(p.Key, out _)).ToList();
        var names = await NamesAsync(db, contributors.Select(p => Guid.Parse(p.Key)), cancellationToken);
        var credits = contributors.Select(p => (Id: Guid.Parse(p.Key), Share: (double)p.AttributionShare))
            .Where(c => consenting.Contains(c.Id))
            .OrderByDescending(c => c.Share).ThenBy(c => names.GetValueOrDefault(c.Id), StringComparer.Ordinal)
            .Select(c => new CreditLine(names.GetValueOrDefault(c.Id, "?"), artists.Contains(c.Id) ? "artwork" : "edit", c.Share)).ToList();
        var label = await db.LineageNodes.AsNoTracking().IgnoreQueryFilters().Where(n => n.Id == product.Value).Select(n => n.Label).SingleAsync(cancellationToken);
        return new(new CreditsView(label, credits, contributors.Count - credits.Count), null);
    }

    private async Task<HashSet<Guid>> CreditsAllowedAsync(Persistence.TaktDbContext db, TenantId tenant, List<Guid> assets, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<Guid>();
        var tenantRow = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Value, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var chunk in assets.Chunk(500))
        {
            var rows = await db.Assets.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(cancellationToken);
            var workIds = rows.Select(a => a.WorkId).Distinct().ToList();
            var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
            var grants = (await db.ConsentGrants.AsNoTracking().Where(g => workIds.Contains(g.WorkId)).ToListAsync(cancellationToken)).ToLookup(g => g.WorkId);
            var revocations = (await db.Revocations.AsNoTracking().Where(r => workIds.Contains(r.WorkId)).ToListAsync(cancellationToken)).ToLookup(r => r.WorkId);
            foreach (var asset in rows)
            {
                var subject = RightsMapping.Subject(asset, works[asset.WorkId], tenantRow, grants[asset.WorkId], revocations[asset.WorkId]);
                if (ConsentPolicy.Decide(subject, Purpose.CreditsDisplay, TenantScope.Own(tenant), now).IsAllowed)
                {
                    allowed.Add(asset.Id);
                }
            }
        }

        return allowed;
    }
}
