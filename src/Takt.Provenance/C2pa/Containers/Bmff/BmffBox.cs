namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// One ISO BMFF box as found in a file: its four-character type, where it starts, how long it
/// is (header included) and, for the boxes that need them, its uuid extended type and FullBox
/// version and flags. <paramref name="Children"/> is filled only for container boxes the reader
/// was asked to descend into.
/// </summary>
internal sealed record BmffBox(
    string Type,
    long Offset,
    long Size,
    int HeaderSize,
    byte[]? UserType,
    byte? Version,
    uint? Flags,
    IReadOnlyList<BmffBox> Children)
{
    public long End => Offset + Size;

    public long PayloadOffset => Offset + HeaderSize;

    public bool IsC2paUuid => Type == "uuid" && UserType is { } user && user.AsSpan().SequenceEqual(BmffConstants.C2paUuid);
}
