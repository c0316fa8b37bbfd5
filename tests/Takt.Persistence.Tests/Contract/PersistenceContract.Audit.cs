using Microsoft.EntityFrameworkCore;
using Takt.Archive.Audit;
using Takt.TestKit.Databases;

namespace Takt.Persistence.Tests.Contract;

public abstract partial class PersistenceContract
{
    [Fact]
    public async Task AuditLog_StagedAndSaved_VerifiesIntact()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var log = await WriteAuditAsync(fresh, 5);

        await using var db = fresh.Contexts.Create();
        var verification = await log.VerifyAsync(db, Ct);

        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public async Task AuditLog_PayloadEditedWithRawSql_Detected()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var log = await WriteAuditAsync(fresh, 5);
        await using var db = fresh.Contexts.Create();

        await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"Payload\" = {"{\"n\":99}"} WHERE \"Sequence\" = {3L}", Ct);
        var verification = await log.VerifyAsync(db, Ct);

        var problem = Assert.Single(verification.Problems);
        Assert.Equal(3, problem.Sequence);
        Assert.Contains("edited", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_PayloadEditedWithExecuteUpdate_Detected()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var log = await WriteAuditAsync(fresh, 3);
        await using var db = fresh.Contexts.Create();

        await db.AuditEntries.Where(e => e.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, "{}"), Ct);
        var verification = await log.VerifyAsync(db, Ct);

        Assert.False(verification.IsIntact);
        Assert.Contains(verification.Problems, p => p.Sequence == 1);
    }

    [Fact]
    public async Task AuditLog_MiddleRowDeleted_Detected()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var log = await WriteAuditAsync(fresh, 5);
        await using var db = fresh.Contexts.Create();

        await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteDeleteAsync(Ct);
        var verification = await log.VerifyAsync(db, Ct);

        Assert.Contains(verification.Problems, p => p.Sequence == 4 && p.Description.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(verification.Problems, p => p.Sequence == 4 && p.Description.Contains("does not link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditLog_LastRowDeleted_DetectedThroughTheAnchor()
    {
        await using var fresh = await CreateDatabaseAsync(Ct);
        var log = await WriteAuditAsync(fresh, 5);
        await using var db = fresh.Contexts.Create();

        // The chain that is left is consistent on its own: only the anchor knows entry 5 existed.
        await db.AuditEntries.Where(e => e.Sequence == 5).ExecuteDeleteAsync(Ct);
        var verification = await log.VerifyAsync(db, Ct);

        var problem = Assert.Single(verification.Problems);
        Assert.Equal(5, problem.Sequence);
        Assert.Contains("removed from the end", problem.Description, StringComparison.Ordinal);
        Assert.Equal(4, verification.Entries);
    }

    private static async Task<AuditLog> WriteAuditAsync(ITestDatabase database, int entries)
    {
        var log = new AuditLog(Path.Combine(database.Folder, "audit.anchor"), TimeProvider.System);
        await using var db = database.Contexts.Create();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var head = await log.StageAsync(db, Enumerable.Range(1, entries).Select(n => new AuditRecord(null, "test.entry", $"subject-{n}", new { n })), Ct);
        await db.SaveChangesAsync(Ct);
        await tx.CommitAsync(Ct);
        await log.AnchorAsync(head!, Ct);
        return log;
    }
}
