using Microsoft.EntityFrameworkCore;

namespace Takt.Persistence.Tests.Contract;

public abstract partial class PersistenceContract
{
    [Fact]
    public async Task TenantFilter_ScopedContext_SeesOnlyItsOwnTenantInEverySet()
    {
        var a = await TenantGraph.SeedAsync(Contexts, Ct);
        var b = await TenantGraph.SeedAsync(Contexts, Ct);
        await using var db = Contexts.Create(new TenantScopeFilter(a.Tenant));

        Assert.Equal([a.Tenant], await db.Tenants.Select(t => t.Id).ToListAsync(Ct));
        Assert.Equal([a.Contributor], await db.Contributors.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Project], await db.Projects.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Scene], await db.Scenes.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Cut], await db.Cuts.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Work], await db.Works.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Asset], await db.Assets.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Grant], await db.ConsentGrants.Select(x => x.Id).ToListAsync(Ct));
        Assert.Equal([a.Revocation], await db.Revocations.Select(x => x.Id).ToListAsync(Ct));

        // Asking for the other tenant's rows by id finds nothing either.
        Assert.Null(await db.Works.FirstOrDefaultAsync(w => w.Id == b.Work, Ct));
        Assert.Null(await db.Assets.FirstOrDefaultAsync(x => x.Id == b.Asset, Ct));
        Assert.Null(await db.Assets.FindAsync([b.Asset], Ct));
    }

    [Fact]
    public async Task TenantFilter_AllScope_SeesEveryTenant()
    {
        var a = await TenantGraph.SeedAsync(Contexts, Ct);
        var b = await TenantGraph.SeedAsync(Contexts, Ct);
        await using var db = Contexts.Create();

        var assets = await db.Assets.Where(x => x.Id == a.Asset || x.Id == b.Asset).CountAsync(Ct);

        Assert.Equal(2, assets);
    }

    [Fact]
    public async Task UniqueIndex_DuplicateTenantSlug_Rejected()
    {
        var slug = $"dup-{Guid.NewGuid():N}";
        await using (var first = Contexts.Create())
        {
            first.Tenants.Add(TenantGraph.NewTenant(Guid.CreateVersion7(), slug));
            await first.SaveChangesAsync(Ct);
        }

        await using var db = Contexts.Create();
        db.Tenants.Add(TenantGraph.NewTenant(Guid.CreateVersion7(), slug));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task UniqueIndex_DuplicateProjectSlugInTenant_RejectedButFreeInAnotherTenant()
    {
        var a = await TenantGraph.SeedAsync(Contexts, Ct);
        var b = await TenantGraph.SeedAsync(Contexts, Ct);
        await using (var other = Contexts.Create())
        {
            other.Projects.Add(TenantGraph.NewProject(Guid.CreateVersion7(), b.Tenant, "second", TenantGraph.Now));
            other.Projects.Add(TenantGraph.NewProject(Guid.CreateVersion7(), a.Tenant, "second", TenantGraph.Now));
            await other.SaveChangesAsync(Ct);
        }

        await using var db = Contexts.Create();
        db.Projects.Add(TenantGraph.NewProject(Guid.CreateVersion7(), a.Tenant, "show", TenantGraph.Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task UniqueIndex_DuplicateAssetPathAndHash_RejectedButNewBytesAccepted()
    {
        var g = await TenantGraph.SeedAsync(Contexts, Ct);
        await using (var changed = Contexts.Create())
        {
            // The same place with different bytes is a new version, not a duplicate.
            changed.Assets.Add(TenantGraph.NewAsset(Guid.CreateVersion7(), g.Tenant, g.Project, g.Work, "sc01/c001/key.png", new string('c', 64)));
            await changed.SaveChangesAsync(Ct);
        }

        await using var db = Contexts.Create();
        db.Assets.Add(TenantGraph.NewAsset(Guid.CreateVersion7(), g.Tenant, g.Project, g.Work, "sc01/c001/key.png", new string('a', 64)));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }
}
