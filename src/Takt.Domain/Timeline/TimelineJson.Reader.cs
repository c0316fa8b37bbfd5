using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Takt.Domain.Archive;

namespace Takt.Domain.Timeline;

// Strict reading: every object is read through JsonFields, which refuses duplicate, unknown and
// missing fields. A problem unwinds as a private exception and becomes the returned message at the
// top, which keeps each reader a straight line; nothing outside this file sees the exception.
public static partial class TimelineJson
{
    private static bool TryRead<T>(ReadOnlySpan<byte> json, Func<JsonElement, T> read, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out string? problem)
        where T : class
    {
        result = null;
        try
        {
            using var parsed = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            result = read(parsed.RootElement);
            problem = null;
            return true;
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return false;
        }
        catch (ReadProblem e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static TimelineDocument ReadDocument(JsonElement root)
    {
        var fields = new JsonFields(root, "$");
        if (Text(fields.Required("format"), "$.format") is var format && !string.Equals(format, DocumentFormat, StringComparison.Ordinal))
        {
            throw new ReadProblem($"$.format: expected '{DocumentFormat}', not '{format}'");
        }

        var list = fields.Required("entities");
        fields.End();
        var entities = Items(list, "$.entities").Select((e, i) => (Entity: ReadEntity(e, $"$.entities[{i}]"), Path: $"$.entities[{i}]")).ToList();

        // Insert all, then check each in place: a snapshot need not list parents before children.
        var document = TimelineDocument.Empty;
        foreach (var (entity, path) in entities)
        {
            if (document.Find(entity.Id) is not null)
            {
                throw new ReadProblem($"{path}.id: entity {entity.Id} appears twice");
            }

            document = document.With(entity);
        }

        foreach (var (entity, path) in entities)
        {
            if (document.CheckInPlace(entity) is { } problem)
            {
                throw new ReadProblem($"{path}: {problem}");
            }
        }

        return document;
    }

    private static TimelineOperation ReadOperation(JsonElement element, string path)
    {
        var fields = new JsonFields(element, path);
        var op = Text(fields.Required("op"), path + ".op");
        TimelineOperation operation = op switch
        {
            "create" => new CreateEntity(ReadEntity(fields.Required("entity"), path + ".entity")),
            "delete" => new DeleteEntity(ReadEntity(fields.Required("entity"), path + ".entity")),
            "set" => new SetProperty(
                Id(fields.Required("entity"), path + ".entity"),
                Text(fields.Required("property"), path + ".property"),
                ReadValue(fields.Required("value"), path + ".value")),
            "move" => new MoveEntity(
                Id(fields.Required("entity"), path + ".entity"),
                OptionalId(fields.Required("parent"), path + ".parent"),
                Text(fields.Required("orderKey"), path + ".orderKey")),
            "batch" => new OperationBatch([.. Items(fields.Required("ops"), path + ".ops").Select((o, i) => ReadOperation(o, $"{path}.ops[{i}]"))]),
            _ => throw new ReadProblem($"{path}.op: expected create, set, delete, move or batch, not '{op}'"),
        };
        fields.End();
        return operation;
    }

    private static TimelineEntity ReadEntity(JsonElement element, string path)
    {
        var fields = new JsonFields(element, path);
        var id = Id(fields.Required("id"), path + ".id");
        var kindName = Text(fields.Required("kind"), path + ".kind");
        if (!TimelineNames.TryParse(kindName, out EntityKind kind))
        {
            throw new ReadProblem($"{path}.kind: expected one of {string.Join(", ", TimelineNames.All<EntityKind>())}, not '{kindName}'");
        }

        var parent = OptionalId(fields.Required("parent"), path + ".parent");
        var orderKey = Text(fields.Required("orderKey"), path + ".orderKey");
        var props = fields.Required("props");
        fields.End();

        var entity = TimelineEntity.Blank(kind, id, parent, orderKey);
        var propFields = new JsonFields(props, path + ".props");
        foreach (var property in propFields.Names)
        {
            var propertyPath = $"{path}.props.{property}";
            if (!entity.TryWithProperty(property, ReadValue(propFields.Required(property), propertyPath), out var changed, out var problem))
            {
                throw new ReadProblem($"{propertyPath}: {problem.Message}");
            }

            entity = changed;
        }

        if (entity.PropertyNames.FirstOrDefault(p => !propFields.Names.Contains(p)) is { } missing)
        {
            throw new ReadProblem($"{path}.props.{missing}: missing");
        }

        return entity;
    }

    private static TimelineValue ReadValue(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return NullValue.Instance;
            case JsonValueKind.True or JsonValueKind.False:
                return new BoolValue(element.GetBoolean());
            case JsonValueKind.String:
                return new TextValue(element.GetString()!);
            case JsonValueKind.Number:
                if (element.GetRawText().AsSpan().IndexOfAny(".Ee") >= 0)
                {
                    return new NumberValue(Finite(element, path));
                }

                return element.TryGetInt64(out var integer) ? new IntegerValue(integer) : throw new ReadProblem($"{path}: integer out of range");
            case JsonValueKind.Object:
                return ReadComposite(element, path);
            default:
                throw new ReadProblem($"{path}: expected a value, not {Describe(element)}");
        }
    }

    private static TimelineValue ReadComposite(JsonElement element, string path)
    {
        var fields = new JsonFields(element, path);
        var type = Text(fields.Required("type"), path + ".type");
        TimelineValue value = type switch
        {
            "rate" => new FrameRate(Integer(fields.Required("num"), path + ".num"), Integer(fields.Required("den"), path + ".den")),
            "asset" => new ArchiveAssetSource(new AssetId(Guid(fields.Required("asset"), path + ".asset")), Text(fields.Required("hash"), path + ".hash")),
            "sequence" => new RenderedSequenceSource(Text(fields.Required("manifest"), path + ".manifest"), Integer(fields.Required("frames"), path + ".frames")),
            "generation" => new GenerationSource(Text(fields.Required("workflow"), path + ".workflow")),
            "interpolation" => ReadInterpolation(fields, path),
            "curve" => new CurveBinding(Id(fields.Required("curve"), path + ".curve")),
            "constant" => new ConstantBinding(ReadValue(fields.Required("value"), path + ".value")),
            _ => throw new ReadProblem($"{path}.type: expected rate, asset, sequence, generation, interpolation, curve or constant, not '{type}'"),
        };
        fields.End();
        return value;
    }

    private static KeyInterpolation ReadInterpolation(JsonFields fields, string path)
    {
        var kindName = Text(fields.Required("kind"), path + ".kind");
        if (!TimelineNames.TryParse(kindName, out InterpolationKind kind))
        {
            throw new ReadProblem($"{path}.kind: expected one of {string.Join(", ", TimelineNames.All<InterpolationKind>())}, not '{kindName}'");
        }

        var easing = fields.Optional("easing") is { } e ? Text(e, path + ".easing") : null;
        BezierHandles? handles = null;
        if (fields.Optional("handles") is { } h)
        {
            var numbers = Items(h, path + ".handles").Select((x, i) => Finite(x, $"{path}.handles[{i}]")).ToArray();
            handles = numbers.Length == 4 ? new BezierHandles(numbers[0], numbers[1], numbers[2], numbers[3])
                : throw new ReadProblem($"{path}.handles: expected [outX, outY, inX, inY], not {numbers.Length} numbers");
        }

        return new KeyInterpolation(kind, easing, handles);
    }

    private static ImmutableArray<JsonElement> Items(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : throw new ReadProblem($"{path}: expected a list, not {Describe(element)}");

    private static string Text(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new ReadProblem($"{path}: expected text, not {Describe(element)}");

    private static long Integer(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : throw new ReadProblem($"{path}: expected an integer, not {Describe(element)}");

    private static double Finite(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value) ? value
            : throw new ReadProblem($"{path}: expected a finite number, not {Describe(element)}");

    private static Guid Guid(JsonElement element, string path) =>
        System.Guid.TryParseExact(Text(element, path), "D", out var value) ? value : throw new ReadProblem($"{path}: expected an id (a GUID), not '{element.GetString()}'");

    private static TimelineEntityId Id(JsonElement element, string path) => new(Guid(element, path));

    private static TimelineEntityId? OptionalId(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : Id(element, path);

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.ValueKind.ToString().ToLowerInvariant();
}
