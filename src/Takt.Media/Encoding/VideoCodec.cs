namespace Takt.Media.Encoding;

/// <summary>What the encoder writes: H.264 in MP4 (the default, plays everywhere), AV1 in MP4 (smaller, slower), ProRes 422 HQ in MOV (for editing).</summary>
public enum VideoCodec : byte
{
    H264,
    Av1,
    ProRes,
}
