namespace Takt.Provenance.C2pa.Verification;

/// <summary>The three lists c2pa-rs sorts statuses into.</summary>
public enum ValidationStatusKind
{
    Success,
    Informational,
    Failure,
}
