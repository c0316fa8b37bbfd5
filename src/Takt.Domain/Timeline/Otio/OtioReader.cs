using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Turns an OTIO JSON tree into the object model: legacy schemas are upgraded (Clip.1 → Clip.2 with null
/// references as MissingReference, Marker.1 <c>range</c>, Filler/Sequence/SerializeableCollection aliases),
/// unknown schemas and versions newer than this reader knows are kept as opaque objects, and fields a known
/// schema does not define are kept in <see cref="OtioObject.ExtraFields"/>.
/// </summary>
public static partial class OtioReader
{
    public static OtioObject Read(string json) => ReadObject(OtioJsonReader.Parse(json));

    public static OtioObject Read(ReadOnlySpan<byte> utf8) => ReadObject(OtioJsonReader.Parse(utf8));

    /// <summary>Reads a file whose top-level object must be a Timeline.</summary>
    public static OtioTimeline ReadTimeline(string json) =>
        Read(json) as OtioTimeline ?? throw new OtioFormatException("the top-level object is not a Timeline");

    public static OtioObject ReadObject(OtioJsonValue value)
    {
        var (name, version) = SchemaOf(value);
        var fields = new FieldReader(value, name);
        OtioObject result = (name, version) switch
        {
            ("Timeline", 1) => ReadTimeline(fields),
            ("Stack", 1) => ReadComposition(new Stack(), fields),
            ("Track" or "Sequence", 1) => ReadTrack(fields),
            ("Clip", 1 or 2) => ReadClip(fields, version),
            ("Gap" or "Filler", 1) => ReadItem(new Gap(), fields),
            ("Transition", 1) => ReadTransition(fields),
            ("SerializableCollection" or "SerializeableCollection", 1) => ReadCollection(fields),
            _ => ReadNonComposable(value, name, version, fields),
        };

        fields.Finish(result);
        return result;
    }

    private static OtioObject ReadNonComposable(OtioJsonValue value, string name, int version, FieldReader fields) =>
        (name, version) switch
        {
            ("Marker", >= 1 and <= 3) => ReadMarker(fields, version),
            ("ExternalReference" or "MissingReference" or "GeneratorReference" or "ImageSequenceReference", 1) => ReadMediaReference(fields, name),
            ("Effect" or "LinearTimeWarp" or "FreezeFrame", 1) => ReadEffect(fields, name),
            _ => fields.Opaque(new UnknownSchema(value)),
        };

    internal static (string Name, int Version) SchemaOf(OtioJsonValue value)
    {
        if (value.Kind != OtioJsonKind.Map)
        {
            throw new OtioFormatException($"expected an OTIO object, found a {value.Kind}");
        }

        if (value["OTIO_SCHEMA"] is not { Kind: OtioJsonKind.Text } schema)
        {
            throw new OtioFormatException("an object has no OTIO_SCHEMA string");
        }

        var text = schema.AsString();
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || !int.TryParse(text.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new OtioFormatException($"OTIO_SCHEMA '{text}' is not Name.Version");
        }

        return (text[..dot], version);
    }

    private static OtioTimeline ReadTimeline(FieldReader fields)
    {
        var timeline = new OtioTimeline();
        ReadNamed(timeline, fields);
        timeline.GlobalStartTime = fields.OptionalTime("global_start_time");
        if (fields.Take("tracks") is { IsNull: false } tracks)
        {
            timeline.Tracks = ReadObject(tracks) as Stack ?? throw new OtioFormatException("a Timeline's tracks must be a Stack");
        }

        return timeline;
    }

    private static Track ReadTrack(FieldReader fields)
    {
        var track = ReadComposition(new Track(), fields);
        track.Kind = fields.String("kind") ?? Track.VideoKind;
        return track;
    }

    private static T ReadComposition<T>(T composition, FieldReader fields)
        where T : Composition
    {
        ReadItem(composition, fields);
        foreach (var child in fields.Array("children"))
        {
            composition.Add(ReadObject(child) as Composable
                ?? throw new OtioFormatException($"a {composition.SchemaName} child must be a clip, gap, transition or composition, found {child["OTIO_SCHEMA"]?.AsString()}"));
        }

        return composition;
    }

    private static Clip ReadClip(FieldReader fields, int version)
    {
        var clip = ReadItem(new Clip(), fields);
        clip.MediaReferences.Clear();
        if (version == 1)
        {
            var reference = fields.Take("media_reference");
            clip.MediaReferences.Add(new(Clip.DefaultMediaKey, reference is null or { IsNull: true } ? new MissingReference() : ReadReference(reference)));
            return clip;
        }

        clip.ActiveMediaReferenceKey = fields.String("active_media_reference_key") ?? Clip.DefaultMediaKey;
        if (fields.Take("media_references") is { Kind: OtioJsonKind.Map } references)
        {
            foreach (var (key, reference) in references.Properties)
            {
                clip.MediaReferences.Add(new(key, reference.IsNull ? new MissingReference() : ReadReference(reference)));
            }
        }

        if (clip.MediaReferences.Count == 0)
        {
            clip.MediaReferences.Add(new(clip.ActiveMediaReferenceKey, new MissingReference()));
        }

        return clip;
    }

    private static MediaReference ReadReference(OtioJsonValue value) => ReadObject(value) switch
    {
        MediaReference reference => reference,
        UnknownSchema unknown => new UnknownMediaReference(unknown.Raw),
        var other => throw new OtioFormatException($"a media reference cannot be a {other.SchemaName}"),
    };

    private static Transition ReadTransition(FieldReader fields)
    {
        var transition = new Transition();
        ReadNamed(transition, fields);
        transition.InOffset = fields.OptionalTime("in_offset") ?? new RationalTime();
        transition.OutOffset = fields.OptionalTime("out_offset") ?? new RationalTime();
        transition.TransitionType = fields.String("transition_type") ?? "";
        transition.Enabled = fields.Boolean("enabled") ?? true;
        return transition;
    }

    private static SerializableCollection ReadCollection(FieldReader fields)
    {
        var collection = new SerializableCollection();
        ReadNamed(collection, fields);
        foreach (var child in fields.Array("children"))
        {
            collection.Children.Add(ReadObject(child));
        }

        return collection;
    }

    private static T ReadItem<T>(T item, FieldReader fields)
        where T : Item
    {
        ReadNamed(item, fields);
        if (fields.Has("source_range"))
        {
            item.SourceRange = fields.OptionalRange("source_range");
        }

        foreach (var effect in fields.Array("effects"))
        {
            item.Effects.Add(ReadObject(effect) switch
            {
                Effect e => e,
                UnknownSchema unknown => new UnknownEffect(unknown.Raw),
                var other => throw new OtioFormatException($"an effect cannot be a {other.SchemaName}"),
            });
        }

        foreach (var marker in fields.Array("markers"))
        {
            item.Markers.Add(ReadObject(marker) as Marker ?? throw new OtioFormatException("markers must be Marker objects"));
        }

        item.Enabled = fields.Boolean("enabled") ?? true;
        item.Color = fields.Take("color") is { IsNull: false } color ? color : null;
        return item;
    }

    private static void ReadNamed(OtioObject target, FieldReader fields)
    {
        target.Metadata = fields.Take("metadata") is { IsNull: false } metadata ? metadata : OtioJsonValue.EmptyObject;
        target.Name = fields.Has("name") ? fields.String("name") : "";
    }
}
