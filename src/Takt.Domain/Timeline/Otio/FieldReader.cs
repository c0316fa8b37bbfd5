using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>Reads a schema's fields from a JSON object and remembers which ones it used, so the rest are kept.</summary>
internal sealed class FieldReader(OtioJsonValue value, string schema)
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal) { "OTIO_SCHEMA" };
    private bool opaque;

    public bool Has(string key) => value[key] is not null;

    public OtioJsonValue? Take(string key)
    {
        taken.Add(key);
        return value[key];
    }

    public string? String(string key) => Take(key) switch
    {
        null or { IsNull: true } => null,
        { Kind: OtioJsonKind.Text } text => text.AsString(),
        var other => throw Wrong(key, "a string", other),
    };

    public bool? Boolean(string key) => Take(key) switch
    {
        null or { IsNull: true } => null,
        { Kind: OtioJsonKind.Boolean } flag => flag.AsBoolean(),
        var other => throw Wrong(key, "a boolean", other),
    };

    public double? Number(string key) => Take(key) switch
    {
        null or { IsNull: true } => null,
        { Kind: OtioJsonKind.Number or OtioJsonKind.WholeNumber } number => number.AsDouble(),
        var other => throw Wrong(key, "a number", other),
    };

    public long? Integer(string key) => Take(key) switch
    {
        null or { IsNull: true } => null,
        { Kind: OtioJsonKind.WholeNumber } number => number.AsInteger(),
        var other => throw Wrong(key, "an integer", other),
    };

    public IReadOnlyList<OtioJsonValue> Array(string key) => Take(key) switch
    {
        null or { IsNull: true } => [],
        { Kind: OtioJsonKind.Array } array => array.Items,
        var other => throw Wrong(key, "an array", other),
    };

    public RationalTime? OptionalTime(string key) => Take(key) is { IsNull: false } time ? OtioReader.ReadTime(time) : null;

    public TimeRange? OptionalRange(string key) => Take(key) is { IsNull: false } range ? OtioReader.ReadRange(range) : null;

    public OtioObject Opaque(OtioObject unknown)
    {
        opaque = true;
        return unknown;
    }

    /// <summary>Moves every member no field read into the object's extra fields.</summary>
    public void Finish(OtioObject target)
    {
        if (opaque)
        {
            return;
        }

        foreach (var member in value.Properties)
        {
            if (!taken.Contains(member.Key))
            {
                target.ExtraFields.Add(member);
            }
        }
    }

    private OtioFormatException Wrong(string key, string expected, OtioJsonValue found) =>
        new($"{schema}.{key} must be {expected}, found a {found.Kind}");
}
