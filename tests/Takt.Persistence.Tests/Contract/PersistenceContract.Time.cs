using Microsoft.EntityFrameworkCore;

namespace Takt.Persistence.Tests.Contract;

public abstract partial class PersistenceContract
{
    [Fact]
    public async Task DateTimeOffset_Microseconds_RoundTripExactly()
    {
        var g = await TenantGraph.SeedAsync(Contexts, Ct);
        // Sub-millisecond digits, and an offset other than UTC: both must survive, as the same instant.
        var instants = new[]
        {
            new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_560),
            new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(9)).AddTicks(9_999_990),
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(10),
        };
        var ids = new List<Guid>();
        await using (var write = Contexts.Create())
        {
            foreach (var (at, i) in instants.Select((at, i) => (at, i)))
            {
                var id = Guid.CreateVersion7();
                ids.Add(id);
                write.Projects.Add(TenantGraph.NewProject(id, g.Tenant, $"time-{i}", at));
            }

            await write.SaveChangesAsync(Ct);
        }

        await using var db = Contexts.Create();
        for (var i = 0; i < instants.Length; i++)
        {
            var read = await db.Projects.AsNoTracking().Where(p => p.Id == ids[i]).Select(p => p.CreatedAt).SingleAsync(Ct);
            Assert.Equal(instants[i].UtcTicks, read.UtcTicks);
            // An equality filter on the stored value finds the row, so the value stored is the value written.
            Assert.True(await db.Projects.AnyAsync(p => p.Id == ids[i] && p.CreatedAt == instants[i], Ct), $"no match for {instants[i]:O}");
        }
    }

    [Fact]
    public async Task DateTimeOffset_QueryComparisonAndOrder_FollowTheInstant()
    {
        var g = await TenantGraph.SeedAsync(Contexts, Ct);
        var noon = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        // Local clock readings in the opposite order to the instants: only instant order is right.
        var rows = new (string Slug, DateTimeOffset At)[]
        {
            ("early", noon.AddMicroseconds(1).ToOffset(TimeSpan.FromHours(10))),
            ("middle", noon.AddMicroseconds(2).ToOffset(TimeSpan.FromHours(2))),
            ("late", noon.AddMilliseconds(1).ToOffset(TimeSpan.FromHours(-8))),
            ("before", noon.AddMicroseconds(-1)),
        };
        await using (var write = Contexts.Create())
        {
            foreach (var (slug, at) in rows)
            {
                write.Projects.Add(TenantGraph.NewProject(Guid.CreateVersion7(), g.Tenant, slug, at));
            }

            await write.SaveChangesAsync(Ct);
        }

        await using var db = Contexts.Create();
        var after = await db.Projects.Where(p => p.TenantId == g.Tenant && p.Slug != "show" && p.CreatedAt > noon)
            .OrderBy(p => p.CreatedAt).Select(p => p.Slug).ToListAsync(Ct);
        var latest = await db.Projects.Where(p => p.TenantId == g.Tenant && p.Slug != "show").MaxAsync(p => p.CreatedAt, Ct);

        Assert.Equal(["early", "middle", "late"], after);
        Assert.Equal(noon.AddMilliseconds(1), latest);
    }
}
