namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// An RFC 3161 time-stamp authority. Given the bytes a C2PA signature time-stamps, returns the
/// DER-encoded TimeStampToken (a CMS SignedData over TSTInfo) the authority issued for them.
/// </summary>
public interface ITimestampAuthority
{
    Task<byte[]> StampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
