namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>
/// The order in which a BMFF hash consumes the file, rebuilt from c2pa-rs's
/// <c>hash_stream_by_alg</c> (utils/hash_utils.rs): the file minus the excluded ranges, with the
/// 8-byte offset of each listed top-level box hashed just before that box's first byte. For the
/// default exclusions this is: for each hashed top-level box, its big-endian offset then its bytes.
/// </summary>
internal static class BmffHashPlan
{
    public static IReadOnlyList<BmffHashSegment> Build(long fileLength, IReadOnlyList<(long Start, long Length)> exclusions, IReadOnlyList<long> offsets)
    {
        if (fileLength < 1)
        {
            throw new C2paFormatException("BMFF: there is no data to hash.");
        }

        var included = Included(fileLength, exclusions);
        if (offsets.Count == 0)
        {
            return included.Select(r => new BmffHashSegment(r.Start, r.End, false)).ToList();
        }

        // Both lists are sorted, so one moving index walks the offsets: hostile files with a
        // million tiny boxes stay linear instead of ranges × offsets.
        var starts = offsets.Distinct().Order().ToList();
        var segments = new List<BmffHashSegment>();
        var stray = new List<long>();
        var next = 0;
        foreach (var range in included)
        {
            var (start, end) = range;
            for (; next < starts.Count && starts[next] < start; next++)
            {
                stray.Add(starts[next]);
            }

            for (; next < starts.Count && starts[next] < end; next++)
            {
                var offset = starts[next];
                if (offset != start)
                {
                    segments.Add(new BmffHashSegment(start, offset, false));
                }

                segments.Add(Marker(offset));
                start = offset;
            }

            segments.Add(new BmffHashSegment(start, end, false));
        }

        stray.AddRange(starts.Skip(next));

        // c2pa-rs also hashes the offset of a listed box whose first byte a subset excluded, if it
        // falls strictly between the first and the last hashed byte.
        if (segments.Count > 0)
        {
            var first = segments[0].Start;
            var last = segments[^1].End - 1;
            segments.AddRange(stray.Where(o => o > first && o < last).Select(Marker));
        }

        // A stable sort keeps each offset ahead of the range that starts at the same byte.
        var ordered = segments.OrderBy(s => s.Start).ToList();

        // c2pa-rs tells an offset from data by "one byte long and starting at a listed offset", so a
        // one-byte range left at a box start is hashed as that offset; reproduced for identical digests.
        var starting = starts.ToHashSet();
        return ordered.Select(s => !s.IsOffset && s.End - s.Start == 1 && starting.Contains(s.Start) ? Marker(s.Start) : s).ToList();
    }

    private static BmffHashSegment Marker(long offset) => new(offset, offset, true);

    private static List<(long Start, long End)> Included(long fileLength, IReadOnlyList<(long Start, long Length)> exclusions)
    {
        var removed = new List<(long Start, long End)>();
        foreach (var (start, length) in exclusions)
        {
            if (start < 0 || length < 0 || start > fileLength - length)
            {
                throw new C2paFormatException($"BMFF: the exclusion range at {start} (length {length}) exceeds the data length {fileLength}.");
            }

            if (length > 0)
            {
                removed.Add((start, start + length));
            }
        }

        removed.Sort();
        var included = new List<(long, long)>();
        var position = 0L;
        foreach (var (start, end) in removed)
        {
            if (start > position)
            {
                included.Add((position, start));
            }

            position = Math.Max(position, end);
        }

        if (position < fileLength)
        {
            included.Add((position, fileLength));
        }

        return included;
    }
}
