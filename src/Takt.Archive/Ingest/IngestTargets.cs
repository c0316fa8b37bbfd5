using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Ingest.Planning;
using Takt.Domain.Rights;
using Takt.Domain.Tenancy;
using Takt.Persistence;
using Takt.Persistence.Archive;
using Takt.Persistence.Tenancy;

namespace Takt.Archive.Ingest;

/// <summary>The tenant, project and contributors an ingest writes under, created on first use.</summary>
internal sealed record IngestTargets(TenantRow Tenant, ProjectRow Project, IReadOnlyDictionary<string, Guid> Contributors)
{
    public static async Task<IngestTargets> EnsureAsync(TaktContextFactory contexts, AuditLog audit, IngestPlan plan, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var records = new List<AuditRecord>();

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == plan.TenantSlug, cancellationToken);
        if (tenant is null)
        {
            var policy = plan.Manifest?.TenantPolicy;
            var excluded = policy?.ExcludedCategories?.Select(c => WorkCategories.TryParse(c, out var cat)
                    ? WorkCategories.Name(cat)
                    : throw new IngestInputException($"tenantPolicy.excludedCategories: unknown category '{c}'")).ToList()
                ?? TenantPolicy.Default.ExcludedFromTraining.Select(WorkCategories.Name).Order(StringComparer.Ordinal).ToList();
            tenant = new TenantRow
            {
                Id = TenantId.New().Value,
                Slug = plan.TenantSlug,
                Name = plan.Manifest?.TenantName ?? plan.TenantSlug,
                ExcludedCategories = string.Join(',', excluded),
                RemovalDeadlineDays = policy?.RemovalDeadlineDays is > 0 and <= 3650 ? policy.RemovalDeadlineDays.Value : (int)TenantPolicy.DefaultRemovalDeadline.TotalDays,
                RetrainFromScratch = policy?.RetrainFromScratch ?? false,
                SharedPool = policy?.SharedPool ?? false,
                RevenueCountWeight = policy?.RevenueCountWeight switch
                {
                    null => TenantPolicy.Default.RevenueCountWeight,
                    >= 0m and <= 1m and var lambda => lambda,
                    var lambda => throw new IngestInputException($"tenantPolicy.revenueCountWeight: {lambda} is not in [0, 1]"),
                },
                CreatedAt = now,
            };
            db.Tenants.Add(tenant);
            records.Add(new AuditRecord(tenant.Id, "tenant.created", tenant.Slug, new { tenant.Name, tenant.ExcludedCategories, tenant.RemovalDeadlineDays, tenant.RetrainFromScratch, tenant.SharedPool, tenant.RevenueCountWeight }));
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.TenantId == tenant.Id && p.Slug == plan.ProjectSlug, cancellationToken);
        if (project is null)
        {
            project = new ProjectRow
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenant.Id,
                Slug = plan.ProjectSlug,
                Title = plan.Manifest?.ProjectTitle ?? plan.ProjectSlug,
                CreatedAt = now,
            };
            db.Projects.Add(project);
            records.Add(new AuditRecord(tenant.Id, "project.created", $"{tenant.Slug}/{project.Slug}", new { project.Title }));
        }

        var contributors = await db.Contributors.Where(c => c.TenantId == tenant.Id).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var declared in plan.Manifest?.Contributors ?? [])
        {
            if (!contributors.ContainsKey(declared.Id))
            {
                var row = new ContributorRow { Id = Guid.CreateVersion7(), TenantId = tenant.Id, Key = declared.Id, Name = declared.Name, Email = declared.Email, CreatedAt = now };
                db.Contributors.Add(row);
                contributors[declared.Id] = row.Id;
                records.Add(new AuditRecord(tenant.Id, "contributor.created", $"{tenant.Slug}/{declared.Id}", new { declared.Name }));
            }
        }

        var head = await audit.StageAsync(db, records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (head is not null)
        {
            await audit.AnchorAsync(head, cancellationToken);
        }

        return new IngestTargets(tenant, project, contributors);
    }
}
