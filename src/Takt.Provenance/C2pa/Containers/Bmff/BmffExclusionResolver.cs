namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>Reads <c>count</c> bytes of the asset at an absolute offset (for exclusions that match on box data).</summary>
internal delegate ValueTask<byte[]> AssetReader(long offset, int count, CancellationToken cancellationToken);

/// <summary>
/// Turns a BMFF hash's exclusion list into byte ranges, as c2pa-rs's
/// <c>bmff_to_jumbf_exclusions</c> does, and lists the top-level box offsets that v2/v3 mixes
/// into the hash: every top-level box except those an exclusion leaves out whole.
/// </summary>
internal static class BmffExclusionResolver
{
    public static async Task<(List<(long Start, long Length)> Ranges, List<long> Offsets)> ResolveAsync(
        IReadOnlyList<BmffBox> topLevel, IReadOnlyList<BmffExclusion> exclusions, AssetReader read, CancellationToken cancellationToken)
    {
        var wholeBoxes = new HashSet<long>();
        var ranges = new List<(long, long)>();
        foreach (var exclusion in exclusions)
        {
            foreach (var box in Fetch(topLevel, exclusion.XPath))
            {
                if (!await MatchesAsync(box, exclusion, read, cancellationToken))
                {
                    continue;
                }

                if (exclusion.Subset is { } subsets)
                {
                    foreach (var subset in subsets)
                    {
                        if (subset.Offset > (ulong)box.Size)
                        {
                            continue;
                        }

                        var start = (long)subset.Offset;
                        var rest = box.Size - start;
                        var length = subset.Length == 0 ? rest : (long)Math.Min(subset.Length, (ulong)rest);
                        ranges.Add((box.Offset + start, length));
                    }
                }
                else
                {
                    ranges.Add((box.Offset, box.Size));
                    wholeBoxes.Add(box.Offset);
                }
            }
        }

        // Only top-level boxes left out whole lose their offset (a nested box never starts where a top-level one does).
        var offsets = topLevel.Select(b => b.Offset).Where(o => !wholeBoxes.Contains(o)).Order().ToList();
        return (ranges, offsets);
    }

    private static async Task<bool> MatchesAsync(BmffBox box, BmffExclusion exclusion, AssetReader read, CancellationToken cancellationToken)
    {
        if (exclusion.Length is { } length && length != (ulong)box.Size)
        {
            return false;
        }

        if (exclusion.Version is { } version && box.Version is { } boxVersion && version != boxVersion)
        {
            return false;
        }

        if (exclusion.Flags is { } flagBytes && box.Flags is { } boxFlags)
        {
            // c2pa-rs packs the three flag bytes into the top of a big-endian u32 while the box's
            // flags sit in the low 24 bits; reproduced as is so both sides exclude the same boxes.
            var desired = flagBytes.Length >= 3 ? (uint)(flagBytes[0] << 24 | flagBytes[1] << 16 | flagBytes[2] << 8) : 0u;
            var matches = exclusion.Exact ?? true ? desired == boxFlags : (desired | boxFlags) == desired;
            if (!matches)
            {
                return false;
            }
        }

        foreach (var match in exclusion.Data ?? [])
        {
            if (match.Offset > (ulong)box.Size || match.Value.Length > box.Size - (long)match.Offset)
            {
                return false;
            }

            var actual = await read(box.Offset + (long)match.Offset, match.Value.Length, cancellationToken);
            if (!actual.AsSpan().SequenceEqual(match.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The boxes an xpath such as <c>/moov/trak[2]/mdia</c> names (1-based indexes, as c2pa-rs).</summary>
    public static IReadOnlyList<BmffBox> Fetch(IReadOnlyList<BmffBox> topLevel, string xpath)
    {
        IReadOnlyList<BmffBox> children = topLevel;
        IReadOnlyList<BmffBox> current = [];
        foreach (var part in xpath.TrimStart('/').Split('/'))
        {
            if (part.Length < 4)
            {
                throw new C2paFormatException($"BMFF hash assertion: malformed xpath '{xpath}'.");
            }

            var type = part;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                type = part[..bracket];
                if (type.Length < 4 || !int.TryParse(part[(bracket + 1)..].TrimEnd(']'), out var parsed) || parsed < 1)
                {
                    throw new C2paFormatException($"BMFF hash assertion: malformed xpath '{xpath}'.");
                }

                index = parsed - 1;
            }

            var matching = children.Where(c => c.Type == type).ToList();
            if (index is { } i)
            {
                matching = i < matching.Count ? [matching[i]] : [];
            }

            if (matching.Count == 0)
            {
                return [];
            }

            current = matching;
            children = matching.SelectMany(m => m.Children).ToList();
        }

        return current;
    }
}
