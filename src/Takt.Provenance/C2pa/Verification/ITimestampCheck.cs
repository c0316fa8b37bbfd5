namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// The seam between the claim-signature verifier and RFC 3161 time-stamp checking (sigTst2 /
/// sigTst, C2PA §10.3.2.5). The verifier hands over what a time-stamp covers; the check answers
/// with its statuses (<c>timeStamp.validated</c>, <c>timeStamp.mismatch</c>…) and, when the
/// token is good, its genTime, which then replaces "now" as the signing time.
/// </summary>
public interface ITimestampCheck
{
    Task<TimestampCheckResult> CheckAsync(TimestampEvidence evidence, C2paTrust trust, CancellationToken cancellationToken);
}
