using System.Formats.Cbor;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Checks a claim signature's RFC 3161 time-stamp: <c>sigTst2</c> (claim v2, over the signature)
/// or <c>sigTst</c> (v1, over the claim), as c2pa-rs does. A good token's genTime becomes the
/// signing time the certificate's validity is judged at; when anchors are given, only a trusted
/// token's time counts, as in c2pa-rs.
/// </summary>
public sealed class Rfc3161TimestampCheck : ITimestampCheck
{
    public Task<TimestampCheckResult> CheckAsync(TimestampEvidence evidence, C2paTrust trust, CancellationToken cancellationToken)
    {
        var (cbor, data) = evidence.UnprotectedHeaders.TryGetValue(CoseTimestamps.V2Label, out var v2)
            ? (v2, CoseTimestamps.V2StampedData(evidence.ProtectedHeader.Span, evidence.Signature.Span))
            : evidence.UnprotectedHeaders.TryGetValue(CoseTimestamps.V1Label, out var v1)
                ? (v1, CoseTimestamps.V1StampedData(evidence.ProtectedHeader.Span, evidence.Payload.Span))
                : (null, []);
        if (cbor is null)
        {
            return Task.FromResult(TimestampCheckResult.None);
        }

        IReadOnlyList<byte[]>? tokens;
        try
        {
            tokens = CoseTimestamps.ReadTstContainer(new CborReader(cbor, CborConformanceMode.Lax));
        }
        catch (CborContentException)
        {
            tokens = null;
        }

        if (tokens is not [var token])
        {
            return Task.FromResult(new TimestampCheckResult(
                [new ValidationStatus(ValidationCodes.TimeStampMalformed, ValidationStatusKind.Failure, evidence.SignatureUrl, "the signature's time-stamp container is malformed")], null));
        }

        var result = TimestampVerifier.Verify(token, data, trust.Anchors, evidence.SignatureUrl);
        var time = result.IsValidated && (result.IsTrusted || trust.Anchors is null) ? result.GenTime : null;
        return Task.FromResult(new TimestampCheckResult(result.Statuses, time));
    }
}
