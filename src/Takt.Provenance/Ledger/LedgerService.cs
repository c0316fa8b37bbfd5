using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Ledger;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Ledger;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.Ledger;

/// <summary>
/// Records a product's revenue and splits it along the lineage by the tenant's recorded rule,
/// exactly, to the minor unit; writes the split's inputs as a hashed snapshot so an auditor can
/// re-derive it; and reads statements per contributor and period.
/// </summary>
public sealed partial class LedgerService(TaktContextFactory contexts, LineageStore store, AuditLog audit, TimeProvider time)
{
    public async Task<LedgerOutcome<RevenueEntryView>> RecordAsync(LineageNodeId product, string amount, string currency, string period, string? note, CancellationToken cancellationToken)
    {
        if (!Currency.TryFind(currency, out var unit))
        {
            return Fail<RevenueEntryView>($"unknown currency '{currency}': use an ISO 4217 code such as USD, EUR or JPY");
        }

        if (!Money.TryParse(amount, unit, out var money, out var moneyProblem))
        {
            return Fail<RevenueEntryView>(moneyProblem!);
        }

        if (!RevenuePeriods.IsValid(period))
        {
            return Fail<RevenueEntryView>($"period '{period}' is not a year (2026), a quarter (2026-Q4) or a month (2026-10)");
        }

        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(product, out var node) || index.KindOf(node) != LineageNodeKind.Product || index.TenantOf(node) is not { } tenant)
        {
            return Fail<RevenueEntryView>($"{product} is not a product of a tenant in the lineage graph");
        }

        await using var db = contexts.Create();
        var tenantRow = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Value, cancellationToken);
        if (!RevenueSplitRule.TryCreate(tenantRow.RevenueCountWeight, out var rule, out var ruleProblem))
        {
            return Fail<RevenueEntryView>($"tenant {tenantRow.Slug}: {ruleProblem}");
        }

        var parties = SplitInputs.For(index, node, tenant, out _);
        var split = RevenueSplitter.Split(money, rule, parties);
        if (!split.Succeeded)
        {
            return Fail<RevenueEntryView>(split.Problem!);
        }

        var snapshot = LedgerSnapshot.Write(product.Value, tenant.Value, money, period, rule, parties);
        var entry = new RevenueEntryRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Value,
            ProductNodeId = product.Value,
            AmountMinor = money.Minor,
            Currency = unit.Code,
            Period = period,
            RuleVersion = rule.Version,
            Lambda = rule.Lambda,
            Snapshot = snapshot,
            SnapshotHash = LedgerSnapshot.Hash(snapshot),
            Note = note,
            RecordedAt = time.GetUtcNow(),
        };
        db.RevenueEntries.Add(entry);
        db.RevenueAllocations.AddRange(split.Allocations.Select(a => new RevenueAllocationRow
        {
            EntryId = entry.Id,
            PartyKey = a.Key,
            ContributorId = Guid.TryParse(a.Key, out var contributor) ? contributor : null,
            CountShare = a.CountShare,
            AttributionShare = a.AttributionShare,
            Weight = a.Weight,
            AmountMinor = a.Minor,
        }));

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await audit.StageAsync(db, [new AuditRecord(tenant.Value, "ledger.recorded", entry.Id.ToString(),
            new { product = product.Value, amount = money.ToString(), period, entry.SnapshotHash, allocations = split.Allocations.Select(a => new { a.Key, a.Minor }) })], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await audit.AnchorAsync(head!, cancellationToken);
        return new(await EntryViewAsync(db, entry, cancellationToken), null);
    }

    /// <summary>
    /// Re-derives an entry from the graph as it stands (a node's ancestry never changes) and the
    /// entry's own rule: the snapshot hash and every allocation must come out the same.
    /// </summary>
    public async Task<LedgerOutcome<RevenueEntryView>> VerifyAsync(Guid entryId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        if (await db.RevenueEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken) is not { } entry)
        {
            return Fail<RevenueEntryView>($"no revenue entry {entryId}");
        }

        var index = await store.IndexAsync(cancellationToken);
        if (!index.TryFind(new LineageNodeId(entry.ProductNodeId), out var node)
            || !Currency.TryFind(entry.Currency, out var unit)
            || !RevenueSplitRule.TryCreate(entry.RuleVersion, entry.Lambda, out var rule, out _))
        {
            return Fail<RevenueEntryView>($"entry {entryId} names a product, currency or rule that cannot be read back");
        }

        var money = new Money(entry.AmountMinor, unit);
        var parties = SplitInputs.For(index, node, new TenantId(entry.TenantId), out _);
        var snapshot = LedgerSnapshot.Write(entry.ProductNodeId, entry.TenantId, money, entry.Period, rule, parties);
        if (LedgerSnapshot.Hash(snapshot) != entry.SnapshotHash)
        {
            return Fail<RevenueEntryView>($"entry {entryId}: the snapshot re-derived from the lineage hashes to {LedgerSnapshot.Hash(snapshot)}, not the recorded {entry.SnapshotHash}");
        }

        var stored = await db.RevenueAllocations.AsNoTracking().Where(a => a.EntryId == entryId).ToDictionaryAsync(a => a.PartyKey, a => a.AmountMinor, cancellationToken);
        var split = RevenueSplitter.Split(money, rule, parties);
        if (split.Allocations.Count != stored.Count || split.Allocations.Any(a => stored.GetValueOrDefault(a.Key, -1) != a.Minor))
        {
            return Fail<RevenueEntryView>($"entry {entryId}: the allocations re-derived from the snapshot differ from the recorded ones");
        }

        return new(await EntryViewAsync(db, entry, cancellationToken), null);
    }

    private static async Task<RevenueEntryView> EntryViewAsync(TaktDbContext db, RevenueEntryRow entry, CancellationToken cancellationToken)
    {
        Currency.TryFind(entry.Currency, out var unit);
        var allocations = await db.RevenueAllocations.AsNoTracking().Where(a => a.EntryId == entry.Id).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, allocations.Select(a => a.ContributorId).OfType<Guid>(), cancellationToken);
        var product = await db.LineageNodes.AsNoTracking().IgnoreQueryFilters().Where(n => n.Id == entry.ProductNodeId).Select(n => n.Label).SingleAsync(cancellationToken);
        return new RevenueEntryView(entry.Id, entry.ProductNodeId, product, new Money(entry.AmountMinor, unit!).ToString(), entry.Currency, entry.Period, entry.RuleVersion, entry.Lambda, entry.SnapshotHash,
            [.. allocations.OrderBy(a => a.PartyKey, StringComparer.Ordinal).Select(a => new AllocationView(a.PartyKey, a.ContributorId is { } c ? names.GetValueOrDefault(c, a.PartyKey) : a.PartyKey,
                a.CountShare, a.AttributionShare, a.Weight, new Money(a.AmountMinor, unit!).ToString()))]);
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(TaktDbContext db, IEnumerable<Guid> contributors, CancellationToken cancellationToken)
    {
        var ids = contributors.Distinct().ToList();
        return await db.Contributors.AsNoTracking().IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
    }

    private static LedgerOutcome<T> Fail<T>(string problem)
        where T : class => new(null, problem);
}
