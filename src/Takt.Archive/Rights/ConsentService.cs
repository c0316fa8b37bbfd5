using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Domain.Consent;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Archive;
using Takt.Persistence.Consent;
using Takt.Persistence.Tenancy;

namespace Takt.Archive.Rights;

/// <summary>
/// Records consent and its withdrawal for the work an asset belongs to, and explains decisions.
/// Every change is written with its audit entry in one transaction.
/// </summary>
public sealed class ConsentService(TaktContextFactory contexts, AuditLog audit, TimeProvider time)
{
    public async Task<ConsentOutcome<ConsentGrantRow>> GrantAsync(string assetRef, Purpose purpose, ConsentState state, string? terms, string? evidence, CancellationToken cancellationToken)
    {
        if (state == ConsentState.Constrained && string.IsNullOrWhiteSpace(terms))
        {
            return ConsentOutcome.Fail<ConsentGrantRow>("constrained consent needs its terms (--terms \"…\"); without them it counts as not allowed");
        }

        await using var db = contexts.Create();
        var (context, problem) = await LoadAsync(db, assetRef, cancellationToken);
        if (context is null)
        {
            return ConsentOutcome.Fail<ConsentGrantRow>(problem!);
        }

        var now = time.GetUtcNow();
        var row = new ConsentGrantRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = context.Work.TenantId,
            WorkId = context.Work.Id,
            Purpose = Purposes.Name(purpose),
            State = ConsentStates.Name(state),
            Source = ConsentSources.Name(ConsentSource.Agreement),
            Terms = string.IsNullOrWhiteSpace(terms) ? null : terms.Trim(),
            Evidence = evidence,
            EffectiveFrom = now,
            RecordedAt = now,
        };
        await SaveAsync(db, row, new AuditRecord(row.TenantId, "consent.granted", row.WorkId.ToString(), new { row.Purpose, row.State, row.Source, row.Terms, row.Evidence, row.EffectiveFrom }), cancellationToken);
        return ConsentOutcome.Ok(row, context.Work);
    }

    public async Task<ConsentOutcome<RevocationRow>> RevokeAsync(string assetRef, IReadOnlyCollection<Purpose> purposes, string? reason, bool? retrainFromScratch, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var (context, problem) = await LoadAsync(db, assetRef, cancellationToken);
        if (context is null)
        {
            return ConsentOutcome.Fail<RevocationRow>(problem!);
        }

        var now = time.GetUtcNow();
        var revocation = Revocation.Under(RightsMapping.Policy(context.Tenant), purposes.Count == 0 ? Purposes.All : purposes, now, retrainFromScratch, reason);
        var row = new RevocationRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = context.Work.TenantId,
            WorkId = context.Work.Id,
            Purposes = string.Join(',', revocation.Purposes.Order().Select(Purposes.Name)),
            EffectiveAt = revocation.EffectiveAt,
            RemovalDeadline = revocation.RemovalDeadline,
            RetrainFromScratch = revocation.RetrainFromScratch,
            Reason = reason,
            RecordedAt = now,
        };
        await SaveAsync(db, row, new AuditRecord(row.TenantId, "consent.revoked", row.WorkId.ToString(), new { row.Purposes, row.EffectiveAt, row.RemovalDeadline, row.RetrainFromScratch, row.Reason }), cancellationToken);
        return ConsentOutcome.Ok(row, context.Work);
    }

    /// <summary>Why the asset may or may not be used for the purpose, by the scope, at the moment (now if null).</summary>
    public async Task<ConsentOutcome<ConsentExplanation>> ExplainAsync(string assetRef, Purpose purpose, string? scopeTenantSlug, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var (context, problem) = await LoadAsync(db, assetRef, cancellationToken);
        if (context is null)
        {
            return ConsentOutcome.Fail<ConsentExplanation>(problem!);
        }

        TenantScope scope;
        if (scopeTenantSlug is null)
        {
            scope = TenantScope.Own(new TenantId(context.Tenant.Id));
        }
        else if (scopeTenantSlug == "shared-pool")
        {
            scope = TenantScope.SharedPool;
        }
        else if (await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == scopeTenantSlug, cancellationToken) is { } requester)
        {
            scope = TenantScope.Own(new TenantId(requester.Id));
        }
        else
        {
            return ConsentOutcome.Fail<ConsentExplanation>($"no tenant '{scopeTenantSlug}' (use a tenant slug or shared-pool)");
        }

        var when = at ?? time.GetUtcNow();
        var decision = ConsentPolicy.Decide(context.Subject, purpose, scope, when);
        return ConsentOutcome.Ok(new ConsentExplanation(context.Asset, context.Work, context.Tenant, purpose, scopeTenantSlug ?? context.Tenant.Slug, when, decision), context.Work);
    }

    /// <summary>Everything recorded for the asset's work, and today's decision per purpose for its own tenant.</summary>
    public async Task<ConsentOutcome<ConsentRecord>> ShowAsync(string assetRef, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var (context, problem) = await LoadAsync(db, assetRef, cancellationToken);
        if (context is null)
        {
            return ConsentOutcome.Fail<ConsentRecord>(problem!);
        }

        return ConsentOutcome.Ok(RecordOf(context, time.GetUtcNow()), context.Work);
    }

    /// <summary>The record of a loaded rights context, with the owning tenant's decisions at a moment.</summary>
    internal static ConsentRecord RecordOf(RightsContext context, DateTimeOffset at) =>
        new(context.Asset, context.Work, context.Grants, context.Revocations,
            ConsentPolicy.DecideAll(context.Subject, TenantScope.Own(new TenantId(context.Tenant.Id)), at));

    internal static async Task<(RightsContext? Context, string? Problem)> LoadAsync(TaktDbContext db, string assetRef, CancellationToken cancellationToken)
    {
        var (asset, problem) = await AssetResolver.FindAsync(db, assetRef, cancellationToken);
        if (asset is null)
        {
            return (null, problem);
        }

        var work = await db.Works.AsNoTracking().FirstAsync(w => w.Id == asset.WorkId, cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == asset.TenantId, cancellationToken);
        var grants = await db.ConsentGrants.AsNoTracking().Where(g => g.WorkId == work.Id).OrderBy(g => g.RecordedAt).ToListAsync(cancellationToken);
        var revocations = await db.Revocations.AsNoTracking().Where(r => r.WorkId == work.Id).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        return (new RightsContext(asset, work, tenant, grants, revocations, RightsMapping.Subject(asset, work, tenant, grants, revocations)), null);
    }

    private async Task SaveAsync<TRow>(TaktDbContext db, TRow row, AuditRecord record, CancellationToken cancellationToken)
        where TRow : class
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(row);
        var head = await audit.StageAsync(db, [record], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await audit.AnchorAsync(head!, cancellationToken);
    }
}

internal sealed record RightsContext(AssetRow Asset, WorkRow Work, TenantRow Tenant, IReadOnlyList<ConsentGrantRow> Grants, IReadOnlyList<RevocationRow> Revocations, ConsentSubject Subject);
