using CsCheck;
using Takt.Domain.Audit;

namespace Takt.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2025, 2, 1, 8, 0, 0, TimeSpan.FromHours(9));

    private static readonly Gen<(string Kind, string Subject, string Payload)> Content = Gen.Select(
        Gen.OneOf("asset.ingested", "consent.granted", "consent.revoked", "dataset.exported"),
        Gen.String[0, 12],
        Gen.String[0, 40],
        (kind, subject, payload) => (kind, subject, payload));

    private static List<AuditEntry> Seal(IReadOnlyList<(string Kind, string Subject, string Payload)> contents)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < contents.Count; i++)
        {
            var (kind, subject, payload) = contents[i];
            var entry = AuditChain.Seal(i + 1, Start.AddSeconds(i), kind, subject, payload, previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private static string Changed(string text) => text + "\u0001";

    private static string Flipped(string hash) => (hash[0] == '0' ? "1" : "0") + hash[1..];

    /// <summary>Every single-field edit of an entry, each one producing a different value.</summary>
    private static AuditEntry Edit(AuditEntry entry, int field) => field switch
    {
        0 => entry with { Sequence = entry.Sequence + 1 },
        1 => entry with { At = entry.At.AddTicks(1) },
        2 => entry with { Kind = Changed(entry.Kind) },
        3 => entry with { Subject = Changed(entry.Subject) },
        4 => entry with { Payload = Changed(entry.Payload) },
        5 => entry with { PreviousHash = Flipped(entry.PreviousHash) },
        _ => entry with { Hash = Flipped(entry.Hash) },
    };

    private const int FieldCount = 7;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public void Verify_SealedChain_NoProblems(int length)
    {
        var entries = Seal(Enumerable.Range(1, length).Select(i => ("asset.ingested", $"asset-{i}", $"{{\"n\":{i}}}")).ToList());

        Assert.Empty(AuditChain.Verify(entries));
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1).Zip(entries), p => Assert.Equal(p.Second.Hash, p.First.PreviousHash));
    }

    [Fact]
    public void Verify_EmptyChain_NoProblems()
    {
        Assert.Empty(AuditChain.Verify([]));
    }

    [Fact]
    public void Verify_RandomSealedChain_NoProblems()
    {
        Content.List[0, 30].Sample(contents => Assert.Empty(AuditChain.Verify(Seal(contents))), iter: 500);
    }

    [Fact]
    public void ComputeHash_SameInstantOtherOffset_SameHash()
    {
        var utc = Start.ToUniversalTime();

        Assert.Equal(
            AuditChain.ComputeHash(1, Start, "k", "s", "p", AuditChain.Genesis),
            AuditChain.ComputeHash(1, utc, "k", "s", "p", AuditChain.Genesis));
    }

    [Fact]
    public void ComputeHash_TextMovedBetweenFields_DifferentHash()
    {
        Assert.NotEqual(
            AuditChain.ComputeHash(1, Start, "ab", "c", "p", AuditChain.Genesis),
            AuditChain.ComputeHash(1, Start, "a", "bc", "p", AuditChain.Genesis));
    }

    [Fact]
    public void Verify_AnyFieldOfAnyEntryEdited_Detected()
    {
        var gen =
            from contents in Content.List[1, 20]
            from index in Gen.Int[0, contents.Count - 1]
            from field in Gen.Int[0, FieldCount - 1]
            select (contents, index, field);

        gen.Sample((contents, index, field) =>
        {
            var entries = Seal(contents);
            entries[index] = Edit(entries[index], field);

            Assert.NotEmpty(AuditChain.Verify(entries));
        }, iter: 2_000);
    }

    [Fact]
    public void Verify_MiddleEntryRemoved_Detected()
    {
        var gen =
            from contents in Content.List[3, 20]
            from index in Gen.Int[1, contents.Count - 2]
            select (contents, index);

        gen.Sample((contents, index) =>
        {
            var entries = Seal(contents);
            entries.RemoveAt(index);

            var problems = AuditChain.Verify(entries);

            Assert.Contains(problems, p => p.Sequence == index + 2);
        }, iter: 1_000);
    }

    [Fact]
    public void Verify_TwoEntriesSwapped_Detected()
    {
        var gen =
            from contents in Content.List[2, 20]
            from i in Gen.Int[0, contents.Count - 1]
            from j in Gen.Int[0, contents.Count - 1]
            where i != j
            select (contents, i, j);

        gen.Sample((contents, i, j) =>
        {
            var entries = Seal(contents);
            (entries[i], entries[j]) = (entries[j], entries[i]);

            Assert.NotEmpty(AuditChain.Verify(entries));
        }, iter: 1_000);
    }

    [Fact]
    public void Verify_FirstEntryRemoved_ReportsMissingEntries()
    {
        var entries = Seal([("a", "b", "c"), ("d", "e", "f")]);

        var problems = AuditChain.Verify(entries.Skip(1));

        Assert.Contains(problems, p => p.Description.Contains("missing", StringComparison.Ordinal));
    }
}
