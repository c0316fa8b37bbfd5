using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;
using Takt.TestKit.Databases;

namespace Takt.Provenance.Tests.Store;

/// <summary>
/// Random (seeded) multi-tenant graphs (two tenants, one feeding the shared pool, shared-pool nodes used by
/// both) written through the real store: no query scoped to a tenant ever returns a node of the other.
/// </summary>
public sealed class TenantIsolationPropertyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ScopedQueries_NeverReturnAnotherTenantsNodes(int seed)
    {
        await using var database = await SqliteDatabase.CreateAsync(Ct);
        var kumo = await ArchiveSeed.CreateAsync(database.Contexts, 3, [[0], [1], [2], [0, 1]], sharedPool: true, Ct);
        var yoru = await ArchiveSeed.CreateAsync(database.Contexts, 2, [[0], [1], [0, 1]], sharedPool: false, Ct);
        using var store = LineageStoreContract.StoreOn(database);
        await store.SyncArchiveAsync(Ct);
        var queries = new LineageQueries(database.Contexts, store);

        // Each step appends one derived node owned by kumo, yoru or the pool, choosing parents it may legally use.
        var random = new Random(seed);
        var rounds = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 8)
            .Select(_ => (Owner: random.Next(3), Picks: Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1000)).ToArray())).ToList()).ToList();
        var known = new List<(LineageNodeId Id, Guid? Tenant, LineageNodeKind Kind)>();
        known.AddRange(kumo.Assets.Select(a => (new LineageNodeId(a), (Guid?)kumo.Tenant, LineageNodeKind.Asset)));
        known.AddRange(yoru.Assets.Select(a => (new LineageNodeId(a), (Guid?)yoru.Tenant, LineageNodeKind.Asset)));

        foreach (var round in rounds)
        {
            foreach (var (owner, picks) in round)
            {
                Guid? tenant = owner switch { 0 => kumo.Tenant, 1 => yoru.Tenant, _ => null };
                var allowed = known.Where(k => k.Tenant is null || k.Tenant == tenant || (tenant is null && k.Tenant == kumo.Tenant)).ToList();
                var parents = picks.Select(p => allowed[p % allowed.Count]).DistinctBy(p => p.Id).ToList();
                var id = LineageNodeId.New();
                var draft = new LineageNodeDraft(id, LineageNodeKind.Generation, tenant is { } t ? new TenantId(t) : null, $"g{known.Count}",
                    [.. parents.Select(p => new ParentLink(p.Id, 1.0 / parents.Count, p.Kind == LineageNodeKind.Model ? EdgeRole.BaseModel : EdgeRole.Input))]);
                var outcome = await store.RecordAsync([draft], Ct);
                Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
                known.Add((id, tenant, LineageNodeKind.Generation));
            }
        }

        foreach (var (scope, other) in new[] { (kumo.Tenant, yoru.Tenant), (yoru.Tenant, kumo.Tenant) })
        {
            foreach (var (id, tenant, _) in known)
            {
                var attribution = await queries.AttributeAsync(id, AttributionGrouping.Contributor, 3, scope, Ct);
                var byAsset = await queries.AttributeAsync(id, AttributionGrouping.Asset, 0, scope, Ct);
                var impact = await queries.ImpactAsync([id], scope, Ct);
                var show = await queries.ShowAsync(id, scope, Ct);
                if (tenant == other)
                {
                    Assert.True(attribution is null && impact is null && show is null, $"{id} of the other tenant was visible");
                    continue;
                }

                var returned = attribution!.Shares.Select(s => s.Node)
                    .Concat(attribution.Paths.SelectMany(p => p.Nodes)).Concat(byAsset!.Shares.Select(s => s.Node))
                    .Concat(impact!.ByKind.Values.SelectMany(v => v)).Concat(impact.Targets)
                    .Concat(show!.Parents.Select(p => p.Node)).Concat(show.Children);
                Assert.DoesNotContain(returned, n => n.TenantId == other);
                Assert.Equal(1.0, attribution.Total, 9);
            }
        }
    }
}
