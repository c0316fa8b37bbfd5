namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// Where each kept byte range of the source lands in the rewritten file. Inserting the manifest
/// box after ftyp and dropping old ones shifts different parts of the file by different amounts,
/// so a chunk offset is moved by the shift of the range it points into, not by one global delta.
/// </summary>
internal sealed class BmffOffsetMap
{
    private readonly List<(long OldStart, long OldEnd, long NewStart)> _ranges = [];

    /// <summary>Adds a kept range; ranges come in source order, which the binary search in <see cref="Map"/> relies on.</summary>
    public void Add(long oldStart, long length, long newStart)
    {
        if (_ranges.Count > 0 && oldStart < _ranges[^1].OldEnd)
        {
            throw new ArgumentException("Kept ranges must be added in source order without overlap.", nameof(oldStart));
        }

        _ranges.Add((oldStart, oldStart + length, newStart));
    }

    /// <summary>The new position of source byte <paramref name="oldOffset"/>; throws when that byte was dropped.</summary>
    public long Map(long oldOffset, string what)
    {
        int low = 0, high = _ranges.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var (oldStart, oldEnd, newStart) = _ranges[middle];
            if (oldOffset < oldStart)
            {
                high = middle - 1;
            }
            else if (oldOffset >= oldEnd)
            {
                low = middle + 1;
            }
            else
            {
                return newStart + (oldOffset - oldStart);
            }
        }

        throw new C2paFormatException($"BMFF: {what} points at {oldOffset}, outside the data that is kept (inside a removed manifest box or past the end).");
    }
}
