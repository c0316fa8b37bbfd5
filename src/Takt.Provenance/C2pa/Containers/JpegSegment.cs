namespace Takt.Provenance.C2pa.Containers;

/// <summary>One JPEG marker segment before the scan data: its marker byte and its whole bytes (FF, marker, length, payload).</summary>
internal sealed record JpegSegment(byte Marker, byte[] Bytes)
{
    public byte[] Payload => Bytes[4..];
}
