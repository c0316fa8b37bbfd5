using Takt.Persistence;
using Takt.Persistence.Archive;
using Takt.Persistence.Consent;
using Takt.Persistence.Tenancy;

namespace Takt.Provenance.Tests.Store;

/// <summary>A tenant with contributors, works and one asset per work, written straight to the tables.</summary>
internal sealed record ArchiveSeed(Guid Tenant, Guid Project, IReadOnlyList<Guid> Contributors, IReadOnlyList<Guid> Works, IReadOnlyList<Guid> Assets)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <param name="holders">For each work, the indexes of its rights holders among the contributors.</param>
    public static async Task<ArchiveSeed> CreateAsync(TaktContextFactory contexts, int contributors, int[][] holders, bool sharedPool, CancellationToken cancellationToken)
    {
        var tenant = Guid.CreateVersion7();
        var project = Guid.CreateVersion7();
        await using var db = contexts.Create();
        db.Tenants.Add(new TenantRow { Id = tenant, Slug = $"t-{tenant:N}", Name = "Studio", ExcludedCategories = "commission", RemovalDeadlineDays = 30, SharedPool = sharedPool, CreatedAt = Now });
        var people = Enumerable.Range(0, contributors).Select(i => new ContributorRow { Id = Guid.CreateVersion7(), TenantId = tenant, Key = $"artist-{i}", Name = $"Artist {i}", CreatedAt = Now.AddMinutes(i) }).ToList();
        db.Contributors.AddRange(people);
        db.Projects.Add(new ProjectRow { Id = project, TenantId = tenant, Slug = "show", Title = "Show", CreatedAt = Now });
        var works = new List<Guid>();
        var assets = new List<Guid>();
        for (var w = 0; w < holders.Length; w++)
        {
            var work = new WorkRow { Id = Guid.CreateVersion7(), TenantId = tenant, ProjectId = project, Key = $"work-{w}", Title = $"Work {w}", Category = "production", LicenceId = "CC0-1.0", CreatedAt = Now };
            work.RightsHolders.AddRange(holders[w].Select(h => new WorkRightsHolderRow { WorkId = work.Id, ContributorId = people[h].Id }));
            db.Works.Add(work);
            var asset = Guid.CreateVersion7();
            db.Assets.Add(new AssetRow
            {
                Id = asset,
                TenantId = tenant,
                ProjectId = project,
                WorkId = work.Id,
                LayerKind = "key-drawing",
                Name = $"key {w}",
                OriginalPath = $"key_{w}.png",
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(asset.ToByteArray())),
                MediaType = "image/png",
                ByteLength = 1,
                IngestedAt = Now.AddSeconds(w),
            });
            works.Add(work.Id);
            assets.Add(asset);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ArchiveSeed(tenant, project, [.. people.Select(p => p.Id)], works, assets);
    }

    public async Task<Guid> RevokeAsync(TaktContextFactory contexts, int work, string purposes, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var id = Guid.CreateVersion7();
        db.Revocations.Add(new RevocationRow { Id = id, TenantId = Tenant, WorkId = Works[work], Purposes = purposes, EffectiveAt = Now, RemovalDeadline = Now.AddDays(30), RetrainFromScratch = true, RecordedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public async Task StateAsync(TaktContextFactory contexts, int work, string purpose, string state, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        db.ConsentGrants.Add(new ConsentGrantRow
        {
            Id = Guid.CreateVersion7(),
            TenantId = Tenant,
            WorkId = Works[work],
            Purpose = purpose,
            State = state,
            Source = "agreement",
            EffectiveFrom = Now,
            RecordedAt = Now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
