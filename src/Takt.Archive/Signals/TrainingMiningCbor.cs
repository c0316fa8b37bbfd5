using System.Formats.Cbor;

namespace Takt.Archive.Signals;

/// <summary>
/// Decodes a training-mining assertion: <c>{ "entries": { key: { "use": text, ? "constraint_info": text } } }</c>
/// (CAWG training-mining.cddl). Unknown fields are skipped so newer assertions still read.
/// </summary>
internal static class TrainingMiningCbor
{
    public sealed record Entry(string Key, string Use, string? ConstraintInfo);

    /// <summary>Bounds the work on hostile maps that claim millions of entries.</summary>
    private const int MaxEntries = 1024;

    public static List<Entry> ReadEntries(byte[] cbor)
    {
        // Lax: producers differ in canonical ordering and length encoding; content, not form, matters here.
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        var entries = new List<Entry>();
        var count = ReadMapStart(reader);
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            var name = reader.ReadTextString();
            if (name == "entries" && reader.PeekState() == CborReaderState.StartMap)
            {
                ReadEntryMap(reader, entries);
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
        return entries;
    }

    private static void ReadEntryMap(CborReader reader, List<Entry> entries)
    {
        var count = ReadMapStart(reader);
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            if (i >= MaxEntries)
            {
                throw new FormatException($"more than {MaxEntries} training-mining entries");
            }

            var key = reader.ReadTextString();
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                reader.SkipValue();
                continue;
            }

            string? use = null;
            string? constraintInfo = null;
            var fields = ReadMapStart(reader);
            for (var j = 0; fields is null ? reader.PeekState() != CborReaderState.EndMap : j < fields; j++)
            {
                var field = reader.ReadTextString();
                if (field is "use" or "constraint_info" && reader.PeekState() == CborReaderState.TextString)
                {
                    var value = reader.ReadTextString();
                    if (field == "use")
                    {
                        use = value;
                    }
                    else
                    {
                        constraintInfo = value;
                    }
                }
                else
                {
                    reader.SkipValue();
                }
            }

            reader.ReadEndMap();
            if (use is not null)
            {
                entries.Add(new Entry(key, use, constraintInfo));
            }
        }

        reader.ReadEndMap();
    }

    private static int? ReadMapStart(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw new FormatException("training-mining assertion is not a CBOR map");
        }

        return reader.ReadStartMap();
    }
}
