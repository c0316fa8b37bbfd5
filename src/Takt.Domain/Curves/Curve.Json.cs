using System.Text.Json;

namespace Takt.Domain.Curves;

public sealed partial record Curve
{
    private static readonly (CurveInterpolation Value, string Name)[] InterpolationNames =
    [
        (CurveInterpolation.Constant, "constant"), (CurveInterpolation.Linear, "linear"),
        (CurveInterpolation.Bezier, "bezier"), (CurveInterpolation.InverseStep, "inverse-step"),
        (CurveInterpolation.EaseInQuad, "ease-in-quad"), (CurveInterpolation.EaseOutQuad, "ease-out-quad"),
        (CurveInterpolation.EaseInOutQuad, "ease-in-out-quad"), (CurveInterpolation.EaseInCubic, "ease-in-cubic"),
        (CurveInterpolation.EaseOutCubic, "ease-out-cubic"), (CurveInterpolation.EaseInOutCubic, "ease-in-out-cubic"),
        (CurveInterpolation.EaseInSine, "ease-in-sine"), (CurveInterpolation.EaseOutSine, "ease-out-sine"),
        (CurveInterpolation.EaseInOutSine, "ease-in-out-sine"),
    ];

    private static readonly (CurveValueKind Value, string Name)[] KindNames =
        [(CurveValueKind.Number, "number"), (CurveValueKind.WholeNumber, "integer"), (CurveValueKind.Choice, "enum"), (CurveValueKind.Text, "string")];

    /// <summary>
    /// Reads a JSON list of number keys <c>{"frame": f, "value": v, "interpolation": …, "out"?, "in"?}</c>
    /// (interpolation defaults to linear); any other shape is a problem named by its place.
    /// </summary>
    public static bool TryParse(JsonElement json, out Curve? curve, out string? problem) =>
        TryParse(json, CurveValueKind.Number, out curve, out problem);

    /// <summary>Reads a JSON list of keys of the given kind (enum and string keys carry <c>text</c> instead of <c>value</c>).</summary>
    public static bool TryParse(JsonElement json, CurveValueKind kind, out Curve? curve, out string? problem)
    {
        curve = null;
        if (json.ValueKind != JsonValueKind.Array)
        {
            problem = $"keys must be a JSON list of {{frame, value, interpolation}}, not {json.ValueKind.ToString().ToLowerInvariant()}";
            return false;
        }

        var keys = new List<CurveKey>();
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (!ReadKey(item, index, kind, out var key, out problem))
            {
                return false;
            }

            keys.Add(key!);
            index++;
        }

        return TryCreate(kind, keys, out curve, out problem);
    }

    /// <summary>Reads back what <see cref="ToCanonicalJson"/> wrote: <c>{"kind"?: …, "keys": [...]}</c>.</summary>
    public static bool TryParseDocument(JsonElement json, out Curve? curve, out string? problem)
    {
        curve = null;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("keys", out var keys))
        {
            problem = "a curve is an object with a 'keys' list";
            return false;
        }

        var kind = CurveValueKind.Number;
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals("kind"))
            {
                if (property.Value.ValueKind != JsonValueKind.String || !TryParseKind(property.Value.GetString()!, out kind))
                {
                    problem = $"kind must be \"number\", \"integer\", \"enum\" or \"string\", not {property.Value.GetRawText()}";
                    return false;
                }
            }
            else if (!property.NameEquals("keys"))
            {
                problem = $"unknown property '{property.Name}' (a curve has kind and keys)";
                return false;
            }
        }

        return TryParse(keys, kind, out curve, out problem);
    }

    /// <summary>
    /// <c>{"kind"?:…,"keys":[{"frame":…,"value":…,"interpolation":"…"},…]}</c> with no whitespace and
    /// numbers in their shortest round-trip form: equal curves give equal bytes, so they hash alike.
    /// Number curves without handles write exactly what the first curve model wrote, so cache keys
    /// made before handles and kinds existed still match.
    /// </summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Kind != CurveValueKind.Number)
            {
                writer.WriteString("kind", Name(Kind));
            }

            writer.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                writer.WriteStartObject();
                writer.WriteNumber("frame", key.Frame);
                if (key.Text is { } text)
                {
                    writer.WriteString("text", text);
                }
                else
                {
                    writer.WriteNumber("value", key.Value);
                }

                writer.WriteString("interpolation", Name(key.Interpolation));
                if (key.Out is { } outHandle && key.In is { } inHandle)
                {
                    WriteHandle(writer, "out", outHandle);
                    WriteHandle(writer, "in", inHandle);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string Name(CurveInterpolation interpolation) =>
        Array.FindIndex(InterpolationNames, n => n.Value == interpolation) is var i and >= 0
            ? InterpolationNames[i].Name
            : throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, null);

    public static string Name(CurveValueKind kind) =>
        Array.FindIndex(KindNames, n => n.Value == kind) is var i and >= 0
            ? KindNames[i].Name
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, null);

    public static bool TryParseInterpolation(string name, out CurveInterpolation interpolation)
    {
        var i = Array.FindIndex(InterpolationNames, n => string.Equals(n.Name, name, StringComparison.Ordinal));
        interpolation = i >= 0 ? InterpolationNames[i].Value : default;
        return i >= 0;
    }

    public static bool TryParseKind(string name, out CurveValueKind kind)
    {
        var i = Array.FindIndex(KindNames, n => string.Equals(n.Name, name, StringComparison.Ordinal));
        kind = i >= 0 ? KindNames[i].Value : default;
        return i >= 0;
    }

    private static void WriteHandle(Utf8JsonWriter writer, string name, CurveHandle handle)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("x", handle.X);
        writer.WriteNumber("y", handle.Y);
        writer.WriteEndObject();
    }

    private static bool ReadKey(JsonElement item, int index, CurveValueKind kind, out CurveKey? key, out string? problem)
    {
        key = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"key {index}: must be an object {{frame, value, interpolation}}";
            return false;
        }

        double? frame = null;
        double? value = null;
        string? text = null;
        CurveHandle? outHandle = null;
        CurveHandle? inHandle = null;
        // Discrete kinds default to constant, numbers to linear as before.
        var interpolation = IsDiscrete(kind) ? CurveInterpolation.Constant : CurveInterpolation.Linear;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                // A number too large for a double reads as infinity; the checks after reading refuse it.
                case "frame" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var f):
                    frame = f;
                    break;
                case "value" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var v):
                    value = v;
                    break;
                case "text" when property.Value.ValueKind == JsonValueKind.String:
                    text = property.Value.GetString();
                    break;
                case "interpolation" when property.Value.ValueKind == JsonValueKind.String && TryParseInterpolation(property.Value.GetString()!, out var named):
                    interpolation = named;
                    break;
                case "interpolation":
                    problem = $"key {index}: interpolation must be one of {string.Join(", ", InterpolationNames.Select(n => $"\"{n.Name}\""))}, not {property.Value.GetRawText()}";
                    return false;
                case "out" or "in":
                    if (!ReadHandle(property.Value, out var handle))
                    {
                        problem = $"key {index}: handle '{property.Name}' must be {{\"x\": number, \"y\": number}}, not {property.Value.GetRawText()}";
                        return false;
                    }

                    if (property.Name == "out")
                    {
                        outHandle = handle;
                    }
                    else
                    {
                        inHandle = handle;
                    }

                    break;
                case "frame" or "value":
                    problem = $"key {index}: {property.Name} must be a finite number, not {property.Value.GetRawText()}";
                    return false;
                case "text":
                    problem = $"key {index}: text must be a string, not {property.Value.GetRawText()}";
                    return false;
                default:
                    problem = $"key {index}: unknown property '{property.Name}' (a key has frame, value or text, interpolation, out and in)";
                    return false;
            }
        }

        var textual = kind is CurveValueKind.Choice or CurveValueKind.Text;
        if (frame is null || (textual ? text is null : value is null))
        {
            problem = $"key {index}: needs both frame and {(textual ? "text" : "value")}";
            return false;
        }

        key = new CurveKey(frame.Value, value ?? 0, interpolation) { Text = text, Out = outHandle, In = inHandle };
        problem = null;
        return true;
    }

    private static bool ReadHandle(JsonElement json, out CurveHandle handle)
    {
        handle = default;
        if (json.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        double? x = null;
        double? y = null;
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var number))
            {
                return false;
            }

            switch (property.Name)
            {
                case "x": x = number; break;
                case "y": y = number; break;
                default: return false;
            }
        }

        handle = new CurveHandle(x ?? double.NaN, y ?? double.NaN);
        return x is not null && y is not null;
    }
}
