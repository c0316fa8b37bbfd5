using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Which signers a verification trusts. With <see cref="Anchors"/> null, trust is not evaluated
/// and no trust status is reported (c2pa-rs with <c>verify_trust = false</c>); with anchors, a
/// signer chains to one of them (<c>signingCredential.trusted</c>) or not (<c>.untrusted</c>).
/// </summary>
public sealed record C2paTrust(X509Certificate2Collection? Anchors)
{
    public static C2paTrust None { get; } = new((X509Certificate2Collection?)null);
}
