namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// What a time-stamp check needs from one claim signature: the unprotected header entries as raw
/// CBOR keyed by label (<c>sigTst2</c>, <c>sigTst</c>…), the protected header bytes exactly as
/// signed, the payload (the claim CBOR), the COSE signature bytes, and the JUMBF URI statuses
/// should point at.
/// </summary>
public sealed record TimestampEvidence(
    IReadOnlyDictionary<string, byte[]> UnprotectedHeaders,
    ReadOnlyMemory<byte> ProtectedHeader,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> Signature,
    string SignatureUrl);
