using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

/// <summary>
/// "Read then write loses nothing": every member of the input (after OTIO's documented upgrades: schema aliases,
/// Clip.1 → Clip.2, Marker.1 → Marker.2) is in the output with the same content; the output may add defaults.
/// </summary>
internal static class OtioContent
{
    public static string? FirstLoss(OtioJsonValue input, OtioJsonValue output, string path = "$")
    {
        input = Upgrade(input);
        if (input.Kind == OtioJsonKind.Map && output.Kind == OtioJsonKind.Map)
        {
            foreach (var (key, value) in input.Properties)
            {
                if (output[key] is not { } theirs)
                {
                    return $"{path}.{key} is missing";
                }

                if (key == "metadata" && value.IsNull && theirs.Kind == OtioJsonKind.Map && theirs.Properties.Count == 0)
                {
                    continue;
                }

                if (FirstLoss(value, theirs, $"{path}.{key}") is { } loss)
                {
                    return loss;
                }
            }

            return null;
        }

        if (input.Kind == OtioJsonKind.Array && output.Kind == OtioJsonKind.Array)
        {
            if (input.Items.Count != output.Items.Count)
            {
                return $"{path} has {output.Items.Count} items, expected {input.Items.Count}";
            }

            for (var i = 0; i < input.Items.Count; i++)
            {
                if (FirstLoss(input.Items[i], output.Items[i], $"{path}[{i}]") is { } loss)
                {
                    return loss;
                }
            }

            return null;
        }

        return input.ContentEquals(output) ? null : $"{path} is {output}, expected {input}";
    }

    private static OtioJsonValue Upgrade(OtioJsonValue value)
    {
        if (value.Kind != OtioJsonKind.Map || value["OTIO_SCHEMA"] is not { Kind: OtioJsonKind.Text } schemaValue)
        {
            return value;
        }

        var schema = schemaValue.AsString() switch
        {
            "Filler.1" => "Gap.1",
            "Sequence.1" => "Track.1",
            "SerializeableCollection.1" => "SerializableCollection.1",
            "Clip.1" => "Clip.2",
            "Marker.1" => "Marker.2",
            var same => same,
        };
        var members = new List<KeyValuePair<string, OtioJsonValue>>();
        foreach (var (key, member) in value.Properties)
        {
            if (key == "OTIO_SCHEMA")
            {
                members.Add(new(key, OtioJsonValue.FromString(schema)));
            }
            else if (key == "media_reference" && schema == "Clip.2")
            {
                var reference = member.IsNull
                    ? OtioJsonValue.FromObject([new("OTIO_SCHEMA", OtioJsonValue.FromString("MissingReference.1"))])
                    : member;
                members.Add(new("media_references", OtioJsonValue.FromObject([new("DEFAULT_MEDIA", reference)])));
            }
            else if (key == "range" && schema == "Marker.2")
            {
                members.Add(new("marked_range", member));
            }
            else
            {
                members.Add(new(key, member));
            }
        }

        return OtioJsonValue.FromObject(members);
    }
}
