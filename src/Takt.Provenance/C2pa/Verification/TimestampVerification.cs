namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// What checking one RFC 3161 time-stamp found: the statuses c2pa-rs would log for it, and the
/// time it attests. <see cref="GenTime"/> is set once the token is validated (signature and imprint
/// hold); c2pa-rs only lets the time stand in for "now" when <see cref="IsTrusted"/> is also true.
/// </summary>
public sealed record TimestampVerification(IReadOnlyList<ValidationStatus> Statuses, DateTimeOffset? GenTime, bool IsTrusted)
{
    public bool IsValidated => Statuses.Any(s => s.Code == ValidationCodes.TimeStampValidated);
}
