using System.Globalization;

namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>
/// An immutable JSON value tree as OTIO understands JSON: objects keep their key order, integers beyond int64
/// keep their exact text, and NaN/Infinity are ordinary numbers. Metadata and unknown schemas live in this form
/// so that nothing a file carries is lost on a round trip.
/// </summary>
public sealed class OtioJsonValue
{
    private static readonly OtioJsonValue[] NoItems = [];
    private static readonly KeyValuePair<string, OtioJsonValue>[] NoProperties = [];

    private readonly long integer;
    private readonly double number;
    private readonly string? text;
    private readonly IReadOnlyList<OtioJsonValue> items;
    private readonly IReadOnlyList<KeyValuePair<string, OtioJsonValue>> properties;

    private OtioJsonValue(
        OtioJsonKind kind,
        long integer = 0,
        double number = 0,
        string? text = null,
        IReadOnlyList<OtioJsonValue>? items = null,
        IReadOnlyList<KeyValuePair<string, OtioJsonValue>>? properties = null)
    {
        Kind = kind;
        this.integer = integer;
        this.number = number;
        this.text = text;
        this.items = items ?? NoItems;
        this.properties = properties ?? NoProperties;
    }

    public static OtioJsonValue Null { get; } = new(OtioJsonKind.Null);

    public static OtioJsonValue True { get; } = new(OtioJsonKind.Boolean, integer: 1);

    public static OtioJsonValue False { get; } = new(OtioJsonKind.Boolean);

    public static OtioJsonValue EmptyObject => new(OtioJsonKind.Map);

    public OtioJsonKind Kind { get; }

    public bool IsNull => Kind == OtioJsonKind.Null;

    /// <summary>Array elements (empty for anything but an array).</summary>
    public IReadOnlyList<OtioJsonValue> Items => items;

    /// <summary>Object members in file order (empty for anything but an object).</summary>
    public IReadOnlyList<KeyValuePair<string, OtioJsonValue>> Properties => properties;

    public static OtioJsonValue FromBoolean(bool value) => value ? True : False;

    public static OtioJsonValue FromInteger(long value) => new(OtioJsonKind.WholeNumber, integer: value);

    public static OtioJsonValue FromNumber(double value) => new(OtioJsonKind.Number, number: value);

    public static OtioJsonValue FromString(string value) => new(OtioJsonKind.Text, text: value);

    /// <summary>An integer too large for int64, as optionally signed decimal digits.</summary>
    public static OtioJsonValue FromBigInteger(string digits)
    {
        var body = digits.StartsWith('-') ? digits.AsSpan(1) : digits.AsSpan();
        if (body.IsEmpty || body.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            throw new ArgumentException($"'{digits}' is not an integer", nameof(digits));
        }

        return new(OtioJsonKind.BigWholeNumber, text: digits);
    }

    public static OtioJsonValue FromArray(IReadOnlyList<OtioJsonValue> values) => new(OtioJsonKind.Array, items: values);

    public static OtioJsonValue FromObject(IReadOnlyList<KeyValuePair<string, OtioJsonValue>> members) =>
        new(OtioJsonKind.Map, properties: members);

    public bool AsBoolean() => Kind == OtioJsonKind.Boolean
        ? integer != 0
        : throw new InvalidOperationException($"a {Kind} is not a boolean");

    public string AsString() => Kind == OtioJsonKind.Text
        ? text!
        : throw new InvalidOperationException($"a {Kind} is not a string");

    /// <summary>The value of an integer or a number as a double (OTIO reads ints where doubles are expected).</summary>
    public double AsDouble() => Kind switch
    {
        OtioJsonKind.Number => number,
        OtioJsonKind.WholeNumber => integer,
        OtioJsonKind.BigWholeNumber => double.Parse(text!, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"a {Kind} is not a number"),
    };

    public long AsInteger() => Kind switch
    {
        OtioJsonKind.WholeNumber => integer,
        OtioJsonKind.Number when number == Math.Truncate(number) && Math.Abs(number) < 9.2e18 => (long)number,
        _ => throw new InvalidOperationException($"a {Kind} is not an int64"),
    };

    /// <summary>The exact decimal text of a big integer.</summary>
    public string BigIntegerText => Kind == OtioJsonKind.BigWholeNumber
        ? text!
        : throw new InvalidOperationException($"a {Kind} is not a big integer");

    /// <summary>The member named <paramref name="key"/> of an object (the last one if a key repeats), or null.</summary>
    public OtioJsonValue? this[string key]
    {
        get
        {
            for (var i = properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(properties[i].Key, key, StringComparison.Ordinal))
                {
                    return properties[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Structural equality: object members compare by key regardless of order, and an integer equals a double of
    /// the same value (OTIO reads <c>24</c> and writes <c>24.0</c>); NaN equals NaN so trees with NaN compare.
    /// </summary>
    public bool ContentEquals(OtioJsonValue other)
    {
        if (IsNumeric(Kind) && IsNumeric(other.Kind))
        {
            if (Kind == OtioJsonKind.BigWholeNumber || other.Kind == OtioJsonKind.BigWholeNumber)
            {
                return Kind == other.Kind && string.Equals(text, other.text, StringComparison.Ordinal);
            }

            var a = AsDouble();
            var b = other.AsDouble();
            return a.Equals(b);
        }

        if (Kind != other.Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case OtioJsonKind.Null:
                return true;
            case OtioJsonKind.Boolean:
                return integer == other.integer;
            case OtioJsonKind.Text:
                return string.Equals(text, other.text, StringComparison.Ordinal);
            case OtioJsonKind.Array:
                if (items.Count != other.items.Count)
                {
                    return false;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    if (!items[i].ContentEquals(other.items[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (properties.Count != other.properties.Count)
                {
                    return false;
                }

                foreach (var (key, value) in properties)
                {
                    if (other[key] is not { } theirs || !value.ContentEquals(theirs))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    public override string ToString() => OtioJsonWriter.Write(this);

    private static bool IsNumeric(OtioJsonKind kind) =>
        kind is OtioJsonKind.WholeNumber or OtioJsonKind.Number or OtioJsonKind.BigWholeNumber;
}
