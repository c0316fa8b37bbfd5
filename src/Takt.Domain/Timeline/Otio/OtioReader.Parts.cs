using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

public static partial class OtioReader
{
    private static Marker ReadMarker(FieldReader fields, int version)
    {
        var marker = new Marker();
        ReadNamed(marker, fields);
        marker.MarkedRange = fields.OptionalRange(version == 1 ? "range" : "marked_range") ?? new TimeRange();
        var color = fields.Take("color");
        if (color is { Kind: OtioJsonKind.Map })
        {
            marker.ColorObject = color;
            marker.Color = color["name"] is { Kind: OtioJsonKind.Text } name ? name.AsString() : null;
        }
        else
        {
            marker.Color = color is { Kind: OtioJsonKind.Text } text ? text.AsString() : (color is null ? Marker.DefaultColor : null);
        }

        marker.Comment = fields.String("comment") ?? "";
        return marker;
    }

    private static MediaReference ReadMediaReference(FieldReader fields, string schema)
    {
        MediaReference reference = schema switch
        {
            "ExternalReference" => new ExternalReference { TargetUrl = fields.String("target_url") ?? "" },
            "GeneratorReference" => new GeneratorReference
            {
                GeneratorKind = fields.String("generator_kind") ?? "",
                Parameters = fields.Take("parameters") is { IsNull: false } parameters ? parameters : OtioJsonValue.EmptyObject,
            },
            "ImageSequenceReference" => ReadImageSequence(fields),
            _ => new MissingReference(),
        };
        ReadNamed(reference, fields);
        reference.AvailableRange = fields.OptionalRange("available_range");
        reference.AvailableImageBounds = fields.Take("available_image_bounds") is { IsNull: false } bounds ? bounds : null;
        return reference;
    }

    private static ImageSequenceReference ReadImageSequence(FieldReader fields)
    {
        var reference = new ImageSequenceReference
        {
            TargetUrlBase = fields.String("target_url_base") ?? "",
            NamePrefix = fields.String("name_prefix") ?? "",
            NameSuffix = fields.String("name_suffix") ?? "",
            StartFrame = fields.Integer("start_frame") ?? 1,
            FrameStep = fields.Integer("frame_step") ?? 1,
            Rate = fields.Number("rate") ?? 1,
            FrameZeroPadding = fields.Integer("frame_zero_padding") ?? 0,
            MissingFramePolicy = fields.String("missing_frame_policy") ?? "error",
        };
        if (reference.MissingFramePolicy is not ("error" or "hold" or "black"))
        {
            throw new OtioFormatException($"missing_frame_policy '{reference.MissingFramePolicy}' is not error, hold or black");
        }

        return reference;
    }

    private static Effect ReadEffect(FieldReader fields, string schema)
    {
        Effect effect = schema switch
        {
            "LinearTimeWarp" => new LinearTimeWarp(),
            "FreezeFrame" => new FreezeFrame(),
            _ => new Effect(),
        };
        ReadNamed(effect, fields);
        effect.EffectName = fields.String("effect_name") ?? "";
        effect.Enabled = fields.Boolean("enabled") ?? true;
        if (effect is LinearTimeWarp warp && fields.Number("time_scalar") is { } scalar)
        {
            warp.TimeScalar = scalar;
        }

        return effect;
    }

    internal static RationalTime ReadTime(OtioJsonValue value)
    {
        var (name, _) = SchemaOf(value);
        if (!string.Equals(name, "RationalTime", StringComparison.Ordinal))
        {
            throw new OtioFormatException($"expected a RationalTime, found {name}");
        }

        return new RationalTime(
            value["value"]?.AsDouble() ?? 0,
            value["rate"]?.AsDouble() ?? 1);
    }

    internal static TimeRange ReadRange(OtioJsonValue value)
    {
        var (name, _) = SchemaOf(value);
        if (!string.Equals(name, "TimeRange", StringComparison.Ordinal))
        {
            throw new OtioFormatException($"expected a TimeRange, found {name}");
        }

        return new TimeRange(
            value["start_time"] is { IsNull: false } start ? ReadTime(start) : new RationalTime(),
            value["duration"] is { IsNull: false } duration ? ReadTime(duration) : new RationalTime());
    }
}
