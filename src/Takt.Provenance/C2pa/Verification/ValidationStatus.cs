namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// One validation status as c2pa-rs reports it: the code (<c>claimSignature.validated</c>,
/// <c>assertion.dataHash.mismatch</c>…), the JUMBF URI it is about, and a sentence for people.
/// </summary>
public sealed record ValidationStatus(string Code, ValidationStatusKind Kind, string? Url, string Explanation);
