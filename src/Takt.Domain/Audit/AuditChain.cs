using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Takt.Domain.Audit;

/// <summary>The hash chain of the audit log: how entries are sealed and how a chain is checked.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static AuditEntry Seal(long sequence, DateTimeOffset at, string kind, string subject, string payload, string previousHash) =>
        new(sequence, at, kind, subject, payload, previousHash, ComputeHash(sequence, at, kind, subject, payload, previousHash));

    public static string ComputeHash(long sequence, DateTimeOffset at, string kind, string subject, string payload, string previousHash)
    {
        // Length-prefixed fields so that moving text between fields cannot keep the hash.
        var builder = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture),
                     at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                     kind, subject, payload, previousHash,
                 })
        {
            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>
    /// Checks entries in sequence order. Sequences start at 1 and have no gaps, each entry links to
    /// the one before, and each hash matches its content. Returns every problem found.
    /// </summary>
    public static IReadOnlyList<AuditProblem> Verify(IEnumerable<AuditEntry> entries)
    {
        var problems = new List<AuditProblem>();
        var expectedSequence = 1L;
        var previousHash = Genesis;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expectedSequence)
            {
                problems.Add(new AuditProblem(entry.Sequence, entry.Sequence > expectedSequence
                    ? $"entries {expectedSequence}..{entry.Sequence - 1} are missing"
                    : $"entry {entry.Sequence} is out of order (expected {expectedSequence})"));
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                problems.Add(new AuditProblem(entry.Sequence, "does not link to the entry before it (an entry was removed or edited)"));
            }

            var actual = ComputeHash(entry.Sequence, entry.At, entry.Kind, entry.Subject, entry.Payload, entry.PreviousHash);
            if (!string.Equals(actual, entry.Hash, StringComparison.Ordinal))
            {
                problems.Add(new AuditProblem(entry.Sequence, "content does not match its hash (the entry was edited)"));
            }

            expectedSequence = entry.Sequence + 1;
            previousHash = entry.Hash;
        }

        return problems;
    }
}
