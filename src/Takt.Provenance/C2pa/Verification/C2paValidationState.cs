namespace Takt.Provenance.C2pa.Verification;

/// <summary>c2pa-rs <c>ValidationState</c> (C2PA §14.3): well-formed and signed (Valid), and chained to a trust anchor (Trusted).</summary>
public enum C2paValidationState
{
    Invalid,
    Valid,
    Trusted,
}
