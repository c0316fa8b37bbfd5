namespace Takt.TestKit.Timestamps;

/// <summary>Ways the test TSA's tokens can fall short of what a verifier trusts, without being malformed.</summary>
public sealed record TestTimestampAuthorityOptions
{
    /// <summary>When false, the TSA certificate has no extended key usage at all.</summary>
    public bool TimeStampingEku { get; init; } = true;

    /// <summary>When false, tokens lack the RFC 5816 SigningCertificateV2 attribute binding the TSA certificate.</summary>
    public bool SigningCertificateAttribute { get; init; } = true;
}
