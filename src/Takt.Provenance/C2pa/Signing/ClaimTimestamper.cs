namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// Adds an RFC 3161 time-stamp to a claim signature when a time-stamp authority is configured.
/// The bytes stamped and the header entry follow c2pa-rs for claim v2 (<c>sigTst2</c>).
/// </summary>
internal sealed class ClaimTimestamper(ITimestampAuthority authority)
{
    /// <summary>Room for a token: a TSA certificate chain and a CMS signature fit in this comfortably.</summary>
    public static int Reserve => 16 * 1024;

    public Task<IReadOnlyList<(string Label, byte[] Cbor)>> StampAsync(byte[] protectedHeader, byte[] claim, CancellationToken cancellationToken)
    {
        _ = authority;
        _ = protectedHeader;
        _ = claim;
        throw new NotSupportedException("time-stamping lands with the RFC 3161 client");
    }
}
