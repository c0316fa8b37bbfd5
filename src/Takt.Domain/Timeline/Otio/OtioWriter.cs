using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Turns the object model into OTIO JSON with OTIO's key order (metadata, name, then Item's source_range,
/// effects, markers, enabled, color, then the schema's own fields, then kept extra fields).
/// </summary>
public static class OtioWriter
{
    public static string Write(OtioObject value, OtioWriteOptions? options = null) =>
        OtioJsonWriter.Write(ToJson(value, options ?? OtioWriteOptions.Default));

    public static OtioJsonValue ToJson(OtioObject value, OtioWriteOptions? options = null)
    {
        options ??= OtioWriteOptions.Default;
        switch (value)
        {
            case UnknownSchema unknown:
                return unknown.Raw;
            case UnknownMediaReference unknownReference:
                return unknownReference.Raw;
            case UnknownEffect unknownEffect:
                return unknownEffect.Raw;
        }

        var members = new List<KeyValuePair<string, OtioJsonValue>>(12);
        var version = value switch
        {
            Clip => options.ClipVersion,
            Marker marker => options.MarkerVersion ?? (marker.ColorObject is null ? 2 : 3),
            _ => 1,
        };
        Add(members, "OTIO_SCHEMA", OtioJsonValue.FromString($"{value.SchemaName}.{version}"));
        Add(members, "metadata", value.Metadata);
        Add(members, "name", Text(value.Name));
        if (value is Item item)
        {
            Add(members, "source_range", Range(item.SourceRange));
            Add(members, "effects", OtioJsonValue.FromArray(item.Effects.Select(e => ToJson(e, options)).ToList()));
            Add(members, "markers", OtioJsonValue.FromArray(item.Markers.Select(m => ToJson(m, options)).ToList()));
            Add(members, "enabled", OtioJsonValue.FromBoolean(item.Enabled));
            Add(members, "color", item.Color ?? OtioJsonValue.Null);
        }

        WriteOwnFields(members, value, options, version);
        members.AddRange(value.ExtraFields);
        return OtioJsonValue.FromObject(members);
    }

    private static void WriteOwnFields(List<KeyValuePair<string, OtioJsonValue>> members, OtioObject value, OtioWriteOptions options, int version)
    {
        switch (value)
        {
            case Composition composition:
                Add(members, "children", OtioJsonValue.FromArray(composition.Children.Select(c => ToJson(c, options)).ToList()));
                if (composition is Track track)
                {
                    Add(members, "kind", OtioJsonValue.FromString(track.Kind));
                }

                break;
            case Clip clip when version == 1:
                Add(members, "media_reference", ToJson(clip.MediaReference, options));
                break;
            case Clip clip:
                Add(members, "media_references", OtioJsonValue.FromObject(
                    clip.MediaReferences.Select(p => new KeyValuePair<string, OtioJsonValue>(p.Key, ToJson(p.Value, options))).ToList()));
                Add(members, "active_media_reference_key", OtioJsonValue.FromString(clip.ActiveMediaReferenceKey));
                break;
            case Transition transition:
                Add(members, "in_offset", Time(transition.InOffset));
                Add(members, "out_offset", Time(transition.OutOffset));
                Add(members, "transition_type", OtioJsonValue.FromString(transition.TransitionType));
                Add(members, "enabled", OtioJsonValue.FromBoolean(transition.Enabled));
                break;
            case Marker marker:
                Add(members, "color", version >= 3 ? marker.ColorObject ?? MarkerColors.ToColorObject(marker.Color) : MarkerColorName(marker));
                Add(members, version == 1 ? "range" : "marked_range", Range(marker.MarkedRange));
                Add(members, "comment", OtioJsonValue.FromString(marker.Comment));
                break;
            case MediaReference reference:
                WriteReference(members, reference);
                break;
            case Effect effect:
                Add(members, "effect_name", OtioJsonValue.FromString(effect.EffectName));
                Add(members, "enabled", OtioJsonValue.FromBoolean(effect.Enabled));
                if (effect is LinearTimeWarp warp)
                {
                    Add(members, "time_scalar", OtioJsonValue.FromNumber(warp.TimeScalar));
                }

                break;
            case OtioTimeline timeline:
                Add(members, "global_start_time", timeline.GlobalStartTime is { } start ? Time(start) : OtioJsonValue.Null);
                Add(members, "tracks", ToJson(timeline.Tracks, options));
                break;
            case SerializableCollection collection:
                Add(members, "children", OtioJsonValue.FromArray(collection.Children.Select(c => ToJson(c, options)).ToList()));
                break;
        }
    }

    private static void WriteReference(List<KeyValuePair<string, OtioJsonValue>> members, MediaReference reference)
    {
        Add(members, "available_range", Range(reference.AvailableRange));
        Add(members, "available_image_bounds", reference.AvailableImageBounds ?? OtioJsonValue.Null);
        switch (reference)
        {
            case ExternalReference external:
                Add(members, "target_url", OtioJsonValue.FromString(external.TargetUrl));
                break;
            case GeneratorReference generator:
                Add(members, "generator_kind", OtioJsonValue.FromString(generator.GeneratorKind));
                Add(members, "parameters", generator.Parameters);
                break;
            case ImageSequenceReference sequence:
                Add(members, "target_url_base", OtioJsonValue.FromString(sequence.TargetUrlBase));
                Add(members, "name_prefix", OtioJsonValue.FromString(sequence.NamePrefix));
                Add(members, "name_suffix", OtioJsonValue.FromString(sequence.NameSuffix));
                Add(members, "start_frame", OtioJsonValue.FromInteger(sequence.StartFrame));
                Add(members, "frame_step", OtioJsonValue.FromInteger(sequence.FrameStep));
                Add(members, "rate", OtioJsonValue.FromNumber(sequence.Rate));
                Add(members, "frame_zero_padding", OtioJsonValue.FromInteger(sequence.FrameZeroPadding));
                Add(members, "missing_frame_policy", OtioJsonValue.FromString(sequence.MissingFramePolicy));
                break;
        }
    }

    private static OtioJsonValue MarkerColorName(Marker marker) =>
        marker.ColorObject is null ? Text(marker.Color) : OtioJsonValue.FromString(MarkerColors.ToName(marker.Color));

    public static OtioJsonValue Time(RationalTime time) => OtioJsonValue.FromObject(
    [
        new("OTIO_SCHEMA", OtioJsonValue.FromString("RationalTime.1")),
        new("rate", OtioJsonValue.FromNumber(time.Rate)),
        new("value", OtioJsonValue.FromNumber(time.Value)),
    ]);

    public static OtioJsonValue Range(TimeRange? range) => range is { } r
        ? OtioJsonValue.FromObject(
        [
            new("OTIO_SCHEMA", OtioJsonValue.FromString("TimeRange.1")),
            new("duration", Time(r.Duration)),
            new("start_time", Time(r.StartTime)),
        ])
        : OtioJsonValue.Null;

    public static OtioJsonValue Transform(TimeTransform transform) => OtioJsonValue.FromObject(
    [
        new("OTIO_SCHEMA", OtioJsonValue.FromString("TimeTransform.1")),
        new("offset", Time(transform.Offset)),
        new("rate", OtioJsonValue.FromNumber(transform.Rate)),
        new("scale", OtioJsonValue.FromNumber(transform.Scale)),
    ]);

    private static OtioJsonValue Text(string? text) => text is null ? OtioJsonValue.Null : OtioJsonValue.FromString(text);

    private static void Add(List<KeyValuePair<string, OtioJsonValue>> members, string key, OtioJsonValue value) => members.Add(new(key, value));
}
