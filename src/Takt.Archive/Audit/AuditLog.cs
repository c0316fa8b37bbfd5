using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Domain.Audit;
using Takt.Persistence;
using Takt.Persistence.Audit;

namespace Takt.Archive.Audit;

/// <summary>
/// The append-only, hash-chained record of ingest and every consent change. Entries are added in
/// the same transaction as the change they describe, so one never exists without the other.
/// After each commit the head is copied to an anchor file beside the database, so truncating the
/// tail of the log (which a chain alone cannot reveal) is detected too.
/// </summary>
public sealed class AuditLog(string anchorPath, TimeProvider time)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Adds entries to the context; the caller saves and commits (inside one transaction).</summary>
    public async Task<AuditEntry?> StageAsync(TaktDbContext db, IEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        AuditEntry? last = null;
        foreach (var record in records)
        {
            // Truncated to whole microseconds: both databases keep no finer, and the hash must survive a round trip.
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % 10));
            last = AuditChain.Seal(++sequence, now, record.Kind, record.Subject, JsonSerializer.Serialize(record.Payload, PayloadJson), previous);
            previous = last.Hash;
            db.AuditEntries.Add(new AuditEntryRow
            {
                Sequence = last.Sequence,
                TenantId = record.TenantId,
                At = last.At,
                Kind = last.Kind,
                Subject = last.Subject,
                Payload = last.Payload,
                PreviousHash = last.PreviousHash,
                Hash = last.Hash,
            });
        }

        return last;
    }

    /// <summary>Records the committed head. A crash before this only leaves the anchor behind, which verify accepts.</summary>
    public async Task AnchorAsync(AuditEntry head, CancellationToken cancellationToken)
    {
        // A temporary file of its own: two writers committing at once must not rename each other's.
        var temp = $"{anchorPath}.{Guid.CreateVersion7():N}.tmp";
        await File.WriteAllTextAsync(temp, $"{head.Sequence} {head.Hash}\n", cancellationToken);
        File.Move(temp, anchorPath, overwrite: true);
    }

    public async Task<AuditVerification> VerifyAsync(TaktDbContext db, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            entries.Add(new AuditEntry(row.Sequence, row.At, row.Kind, row.Subject, row.Payload, row.PreviousHash, row.Hash));
        }

        var problems = AuditChain.Verify(entries).ToList();
        if (File.Exists(anchorPath))
        {
            var parts = (await File.ReadAllTextAsync(anchorPath, cancellationToken)).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var anchored))
            {
                var entry = entries.FirstOrDefault(e => e.Sequence == anchored);
                if (entry is null)
                {
                    problems.Add(new AuditProblem(anchored, $"the log ends before entry {anchored}, which was recorded as written (entries were removed from the end)"));
                }
                else if (!string.Equals(entry.Hash, parts[1], StringComparison.Ordinal))
                {
                    problems.Add(new AuditProblem(anchored, "differs from the head recorded when it was written (the log was rewritten)"));
                }
            }
            else
            {
                problems.Add(new AuditProblem(0, $"the anchor file {Path.GetFileName(anchorPath)} is unreadable"));
            }
        }
        else if (entries.Count > 0)
        {
            problems.Add(new AuditProblem(0, $"the anchor file {Path.GetFileName(anchorPath)} is missing"));
        }

        return new AuditVerification(entries.Count, entries.LastOrDefault()?.Hash, problems);
    }
}
