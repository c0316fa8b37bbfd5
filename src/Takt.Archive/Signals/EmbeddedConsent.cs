using Takt.Domain.Rights;

namespace Takt.Archive.Signals;

/// <summary>
/// Consent statements read from a file's own metadata, with the reasons any signal was skipped.
/// Warnings are data, not failures: a corrupt manifest must never stop an ingest.
/// </summary>
public sealed record EmbeddedConsent(IReadOnlyList<ConsentGrant> Grants, IReadOnlyList<string> Warnings)
{
    public static EmbeddedConsent None { get; } = new([], []);

    public static EmbeddedConsent Warning(string warning) => new([], [warning]);
}
