using System.Formats.Cbor;

namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// Adds an RFC 3161 time-stamp to a claim signature when a time-stamp authority is configured.
/// For claim v2, c2pa-rs signs first and then stamps the COSE countersignature structure over the
/// signature (<c>sigTst2</c>, sigtst.rs), which is what this does.
/// </summary>
internal sealed class ClaimTimestamper(ITimestampAuthority authority)
{
    /// <summary>Room for a token: a TSA certificate chain and a CMS signature fit in this comfortably.</summary>
    public static int Reserve => 16 * 1024;

    public async Task<IReadOnlyList<(string Label, byte[] Cbor)>> StampAsync(byte[] protectedHeader, byte[] signature, CancellationToken cancellationToken)
    {
        var token = await authority.StampAsync(CoseTimestamps.V2StampedData(protectedHeader, signature), cancellationToken);
        var writer = new CborWriter(CborConformanceMode.Lax);
        CoseTimestamps.WriteTstContainer(writer, token);
        return [("sigTst2", writer.Encode())];
    }
}
