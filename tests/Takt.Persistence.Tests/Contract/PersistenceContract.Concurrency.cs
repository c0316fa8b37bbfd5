using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.Archive.Rights;
using Takt.Domain.Rights;

namespace Takt.Persistence.Tests.Contract;

public abstract partial class PersistenceContract
{
    /// <summary>
    /// Two grants racing for the next audit sequence. The chosen contract: the chain always stays
    /// valid, every stored grant has its audit entry, and a grant that loses the race fails as a
    /// whole with <see cref="DbUpdateException"/> (the sequence is the audit log's primary key), so
    /// the caller can retry. SQLite takes the write lock when the transaction begins (BEGIN IMMEDIATE)
    /// and the busy timeout queues the second writer, so there both always succeed.
    /// </summary>
    [Fact]
    public async Task ConsentGrant_ConcurrentFromTwoContexts_ChainStaysValid()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var g = await TenantGraph.SeedAsync(fresh.Contexts, Ct);
        var log = new AuditLog(Path.Combine(fresh.Folder, "audit.anchor"), TimeProvider.System);
        var consent = new ConsentService(fresh.Contexts, log, TimeProvider.System);
        var succeeded = 0;
        var failed = 0;

        for (var round = 0; round < 10; round++)
        {
            var racers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                try
                {
                    var outcome = await consent.GrantAsync(g.Asset.ToString(), Purpose.ReferenceUse, ConsentState.Allowed, null, $"race {round}.{i}", Ct);
                    Assert.Null(outcome.Problem);
                    return true;
                }
                catch (DbUpdateException)
                {
                    return false;
                }
            }, Ct)).ToList();
            foreach (var won in await Task.WhenAll(racers))
            {
                _ = won ? succeeded++ : failed++;
            }
        }

        await using var db = fresh.Contexts.Create();
        var verification = await log.VerifyAsync(db, Ct);
        var grants = await db.ConsentGrants.CountAsync(x => x.WorkId == g.Work && x.Evidence!.StartsWith("race"), Ct);
        var entries = await db.AuditEntries.CountAsync(e => e.Kind == "consent.granted", Ct);

        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(succeeded, grants);
        Assert.Equal(succeeded, entries);
        Assert.True(succeeded >= 10, $"each round must store at least one grant ({succeeded} stored, {failed} failed)");
        if (db.Database.IsSqlite())
        {
            Assert.Equal(0, failed);
        }
    }
}
