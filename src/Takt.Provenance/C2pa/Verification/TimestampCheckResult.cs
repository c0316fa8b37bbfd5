namespace Takt.Provenance.C2pa.Verification;

/// <summary>The statuses a time-stamp check reports and the genTime of a good token (null when none).</summary>
public sealed record TimestampCheckResult(IReadOnlyList<ValidationStatus> Statuses, DateTimeOffset? GenTime)
{
    public static TimestampCheckResult None { get; } = new([], null);
}
