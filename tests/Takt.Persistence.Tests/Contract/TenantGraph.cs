using Takt.Persistence.Archive;
using Takt.Persistence.Consent;
using Takt.Persistence.Tenancy;

namespace Takt.Persistence.Tests.Contract;

/// <summary>One tenant with one row in every tenant-owned set, under unique slugs so tests can share a database.</summary>
public sealed record TenantGraph(Guid Tenant, Guid Contributor, Guid Project, Guid Scene, Guid Cut, Guid Work, Guid Asset, Guid Grant, Guid Revocation)
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static async Task<TenantGraph> SeedAsync(TaktContextFactory contexts, CancellationToken cancellationToken)
    {
        var g = new TenantGraph(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var db = contexts.Create();
        db.Tenants.Add(NewTenant(g.Tenant, $"t-{g.Tenant:N}"));
        db.Contributors.Add(new ContributorRow { Id = g.Contributor, TenantId = g.Tenant, Key = "artist", Name = "Artist", CreatedAt = Now });
        db.Projects.Add(NewProject(g.Project, g.Tenant, "show", Now));
        db.Scenes.Add(new SceneRow { Id = g.Scene, TenantId = g.Tenant, ProjectId = g.Project, Slug = "sc01" });
        db.Cuts.Add(new CutRow { Id = g.Cut, TenantId = g.Tenant, SceneId = g.Scene, Slug = "c001" });
        db.Works.Add(NewWork(g.Work, g.Tenant, g.Project, g.Contributor));
        db.Assets.Add(NewAsset(g.Asset, g.Tenant, g.Project, g.Work, "sc01/c001/key.png", new string('a', 64)));
        db.ConsentGrants.Add(new ConsentGrantRow
        {
            Id = g.Grant,
            TenantId = g.Tenant,
            WorkId = g.Work,
            Purpose = "generative-training",
            State = "allowed",
            Source = "agreement",
            EffectiveFrom = Now,
            RecordedAt = Now,
        });
        db.Revocations.Add(new RevocationRow
        {
            Id = g.Revocation,
            TenantId = g.Tenant,
            WorkId = g.Work,
            Purposes = "generative-training",
            EffectiveAt = Now,
            RemovalDeadline = Now.AddDays(30),
            RecordedAt = Now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return g;
    }

    public static TenantRow NewTenant(Guid id, string slug) =>
        new() { Id = id, Slug = slug, Name = slug, ExcludedCategories = "commission", RemovalDeadlineDays = 30, CreatedAt = Now };

    public static ProjectRow NewProject(Guid id, Guid tenant, string slug, DateTimeOffset createdAt) =>
        new() { Id = id, TenantId = tenant, Slug = slug, Title = slug, CreatedAt = createdAt };

    public static WorkRow NewWork(Guid id, Guid tenant, Guid project, Guid? author) =>
        new() { Id = id, TenantId = tenant, ProjectId = project, Key = $"work-{id:N}", Title = "Key drawing", Category = "production", LicenceId = "CC0-1.0", AuthorId = author, CreatedAt = Now };

    public static AssetRow NewAsset(Guid id, Guid tenant, Guid project, Guid work, string path, string sha256) => new()
    {
        Id = id,
        TenantId = tenant,
        ProjectId = project,
        WorkId = work,
        LayerKind = "key-drawing",
        Name = "key",
        OriginalPath = path,
        Sha256 = sha256,
        MediaType = "image/png",
        ByteLength = 1,
        IngestedAt = Now,
    };
}
