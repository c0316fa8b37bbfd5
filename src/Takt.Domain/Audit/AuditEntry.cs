namespace Takt.Domain.Audit;

/// <summary>
/// One entry of the append-only audit log. <see cref="Hash"/> commits to the entry's content and
/// to <see cref="PreviousHash"/>, so editing or removing any entry breaks every later link.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Kind,
    string Subject,
    string Payload,
    string PreviousHash,
    string Hash);
