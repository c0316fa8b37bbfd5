using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Takt.Domain.Timeline;

/// <summary>
/// The JSON shapes of documents and operations (docs/timeline.md). Documents are written
/// canonically (entities sorted by id, properties by name, no whitespace) so equal documents give
/// equal bytes, for snapshots and hashing. Reading is strict: an unknown field, a missing field or a
/// wrong type is a problem naming its JSON path, and a document must pass every rule operations keep.
/// </summary>
public static partial class TimelineJson
{
    public const string DocumentFormat = "takt.timeline/1";

    public static byte[] WriteDocument(TimelineDocument document) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("format", DocumentFormat);
        writer.WriteStartArray("entities");
        foreach (var entity in document.Entities.Values.OrderBy(e => e.Id.ToString(), StringComparer.Ordinal))
        {
            WriteEntity(writer, entity);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static byte[] WriteOperation(TimelineOperation operation) => Write(writer => WriteOperation(writer, operation));

    public static bool TryReadDocument(ReadOnlySpan<byte> json, [NotNullWhen(true)] out TimelineDocument? document, [NotNullWhen(false)] out string? problem) =>
        TryRead(json, ReadDocument, out document, out problem);

    public static bool TryReadOperation(ReadOnlySpan<byte> json, [NotNullWhen(true)] out TimelineOperation? operation, [NotNullWhen(false)] out string? problem) =>
        TryRead(json, root => ReadOperation(root, "$"), out operation, out problem);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static void WriteEntity(Utf8JsonWriter writer, TimelineEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entity.Id.ToString());
        writer.WriteString("kind", TimelineNames.Of(entity.Kind));
        if (entity.ParentId is { } parent)
        {
            writer.WriteString("parent", parent.ToString());
        }
        else
        {
            writer.WriteNull("parent");
        }

        writer.WriteString("orderKey", entity.OrderKey);
        writer.WriteStartObject("props");
        foreach (var property in entity.AllPropertyNames().Order(StringComparer.Ordinal))
        {
            writer.WritePropertyName(property);
            WriteValue(writer, entity.GetProperty(property)!);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter writer, TimelineOperation operation)
    {
        writer.WriteStartObject();
        switch (operation)
        {
            case CreateEntity create:
                writer.WriteString("op", "create");
                writer.WritePropertyName("entity");
                WriteEntity(writer, create.Entity);
                break;
            case DeleteEntity delete:
                writer.WriteString("op", "delete");
                writer.WritePropertyName("entity");
                WriteEntity(writer, delete.Entity);
                break;
            case SetProperty set:
                writer.WriteString("op", "set");
                writer.WriteString("entity", set.Entity.ToString());
                writer.WriteString("property", set.Property);
                writer.WritePropertyName("value");
                WriteValue(writer, set.Value);
                break;
            case MoveEntity move:
                writer.WriteString("op", "move");
                writer.WriteString("entity", move.Entity.ToString());
                if (move.Parent is { } parent)
                {
                    writer.WriteString("parent", parent.ToString());
                }
                else
                {
                    writer.WriteNull("parent");
                }

                writer.WriteString("orderKey", move.OrderKey);
                break;
            case OperationBatch batch:
                writer.WriteString("op", "batch");
                writer.WriteStartArray("ops");
                foreach (var inner in batch.Operations)
                {
                    WriteOperation(writer, inner);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operation));
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, TimelineValue value)
    {
        switch (value)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case BoolValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case IntegerValue i:
                writer.WriteNumberValue(i.Value);
                break;
            case NumberValue n:
                writer.WriteRawValue(Number(n.Value));
                break;
            case TextValue t:
                writer.WriteStringValue(t.Value);
                break;
            default:
                WriteComposite(writer, value);
                break;
        }
    }

    private static void WriteComposite(Utf8JsonWriter writer, TimelineValue value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case FrameRate rate:
                writer.WriteString("type", "rate");
                writer.WriteNumber("num", rate.Numerator);
                writer.WriteNumber("den", rate.Denominator);
                break;
            case ArchiveAssetSource asset:
                writer.WriteString("type", "asset");
                writer.WriteString("asset", asset.Asset.ToString());
                writer.WriteString("hash", asset.ContentHash);
                break;
            case RenderedSequenceSource sequence:
                writer.WriteString("type", "sequence");
                writer.WriteString("manifest", sequence.ManifestHash);
                writer.WriteNumber("frames", sequence.FrameCount);
                break;
            case GenerationSource generation:
                writer.WriteString("type", "generation");
                writer.WriteString("workflow", generation.Workflow);
                break;
            case KeyInterpolation interpolation:
                writer.WriteString("type", "interpolation");
                writer.WriteString("kind", TimelineNames.Of(interpolation.Kind));
                if (interpolation.Easing is { } easing)
                {
                    writer.WriteString("easing", easing);
                }

                if (interpolation.Handles is { } h)
                {
                    writer.WriteStartArray("handles");
                    foreach (var x in (double[])[h.OutX, h.OutY, h.InX, h.InY])
                    {
                        writer.WriteRawValue(Number(x));
                    }

                    writer.WriteEndArray();
                }

                break;
            case CurveBinding curve:
                writer.WriteString("type", "curve");
                writer.WriteString("curve", curve.Curve.ToString());
                break;
            case ConstantBinding constant:
                writer.WriteString("type", "constant");
                writer.WritePropertyName("value");
                WriteValue(writer, constant.Value);
                break;
            default:
                throw new ArgumentException($"unknown value {value.GetType().Name}", nameof(value));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A number always carries a fraction or exponent ("3.0"), an integer never does: that is how a
    /// reader tells them apart where a property takes either (keyframe values, constant bindings).
    /// </summary>
    private static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"JSON has no {value}; timeline numbers are finite", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0";
    }
}
