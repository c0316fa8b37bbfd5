namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Where each kept byte range of the source lands in the rewritten file. Inserting the manifest
/// box after ftyp and dropping old ones shifts different parts of the file by different amounts,
/// so a chunk offset is moved by the shift of the range it points into, not by one global delta.
/// </summary>
internal sealed class BmffOffsetMap
{
    private readonly List<(long OldStart, long OldEnd, long NewStart)> _ranges = [];

    public void Add(long oldStart, long length, long newStart) => _ranges.Add((oldStart, oldStart + length, newStart));

    /// <summary>The new position of source byte <paramref name="oldOffset"/>; throws when that byte was dropped.</summary>
    public long Map(long oldOffset, string what)
    {
        foreach (var (oldStart, oldEnd, newStart) in _ranges)
        {
            if (oldOffset >= oldStart && oldOffset < oldEnd)
            {
                return newStart + (oldOffset - oldStart);
            }
        }

        throw new C2paFormatException($"BMFF: {what} points at {oldOffset}, outside the data that is kept (inside a removed manifest box or past the end).");
    }
}
