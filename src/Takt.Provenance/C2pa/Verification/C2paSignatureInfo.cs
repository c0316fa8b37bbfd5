namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Who signed a claim, as c2pa-rs's <c>signature_info</c> reports it: the COSE algorithm, the
/// leaf certificate's organisation (<c>issuer</c>) and common name, its serial number in decimal,
/// and the time-stamp's genTime when a good one was present.
/// </summary>
public sealed record C2paSignatureInfo(string Alg, string? Issuer, string? CommonName, string? SerialNumber, DateTimeOffset? Time);
