using System.Text;
using System.Text.Json;

namespace Takt.Domain.Curves;

/// <summary>
/// A value over frames, given by keys at strictly increasing frames. The small first model of
/// animation curves (constant and linear segments) that workflow nodes pass around; the timeline's
/// full curve model (bezier handles, easings) will extend it. Built only through
/// <see cref="TryCreate"/> or <see cref="TryParse"/>, so every curve has at least one key, finite
/// numbers and increasing frames.
/// </summary>
public sealed record Curve
{
    private Curve(IReadOnlyList<CurveKey> keys) => Keys = keys;

    public IReadOnlyList<CurveKey> Keys { get; }

    /// <summary>A curve from keys, or the problem with them (named by key index).</summary>
    public static bool TryCreate(IReadOnlyList<CurveKey> keys, out Curve? curve, out string? problem)
    {
        curve = null;
        problem = Check(keys);
        if (problem is not null)
        {
            return false;
        }

        curve = new Curve(keys.ToArray());
        return true;
    }

    /// <summary>
    /// Reads a JSON list of <c>{"frame": f, "value": v, "interpolation": "constant"|"linear"}</c>
    /// (interpolation defaults to linear); any other shape is a problem named by its place.
    /// </summary>
    public static bool TryParse(JsonElement json, out Curve? curve, out string? problem)
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
            if (ReadKey(item, index, out var key, out problem) is false)
            {
                return false;
            }

            keys.Add(key!);
            index++;
        }

        return TryCreate(keys, out curve, out problem);
    }

    /// <summary>
    /// The value at <paramref name="frame"/>: the first key's value before it, the last key's after
    /// it, and in between as the segment's starting key says.
    /// </summary>
    public double Sample(double frame)
    {
        if (double.IsNaN(frame))
        {
            throw new ArgumentException("a curve is sampled at a frame, not NaN", nameof(frame));
        }

        if (frame <= Keys[0].Frame)
        {
            return Keys[0].Value;
        }

        if (frame >= Keys[^1].Frame)
        {
            return Keys[^1].Value;
        }

        // The last key at or before the frame starts the segment; keys are few, a binary search is still cheap.
        var low = 0;
        var high = Keys.Count - 1;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (Keys[middle].Frame <= frame)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var start = Keys[low];
        var end = Keys[low + 1];
        if (start.Interpolation == CurveInterpolation.Constant)
        {
            return start.Value;
        }

        // The weighted form cannot overflow where end − start would (values near ±double.MaxValue),
        // and the clamp keeps rounding from stepping outside the segment's two values.
        var offset = frame - start.Frame;
        var span = end.Frame - start.Frame;
        if (!double.IsFinite(span))
        {
            // Frames so far apart that their difference overflows: halves keep the ratio.
            offset = (frame / 2) - (start.Frame / 2);
            span = (end.Frame / 2) - (start.Frame / 2);
        }

        var t = offset / span;

        var value = (start.Value * (1 - t)) + (end.Value * t);
        return Math.Clamp(value, Math.Min(start.Value, end.Value), Math.Max(start.Value, end.Value));
    }

    /// <summary>
    /// <c>{"keys":[{"frame":…,"value":…,"interpolation":"…"},…]}</c> with no whitespace and numbers in
    /// their shortest round-trip form: equal curves give equal bytes, so they hash alike.
    /// </summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                writer.WriteStartObject();
                writer.WriteNumber("frame", key.Frame);
                writer.WriteNumber("value", key.Value);
                writer.WriteString("interpolation", Name(key.Interpolation));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads back what <see cref="ToCanonicalJson"/> wrote (the object with its <c>keys</c> list).</summary>
    public static bool TryParseDocument(JsonElement json, out Curve? curve, out string? problem)
    {
        curve = null;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("keys", out var keys))
        {
            problem = "a curve is an object with a 'keys' list";
            return false;
        }

        return TryParse(keys, out curve, out problem);
    }

    public static string Name(CurveInterpolation interpolation) => interpolation switch
    {
        CurveInterpolation.Constant => "constant",
        CurveInterpolation.Linear => "linear",
        _ => throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, null),
    };

    public override string ToString() => Encoding.UTF8.GetString(ToCanonicalJson());

    private static string? Check(IReadOnlyList<CurveKey> keys)
    {
        if (keys.Count == 0)
        {
            return "a curve needs at least one key";
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (!double.IsFinite(keys[i].Frame))
            {
                return Invariant($"key {i}: frame {keys[i].Frame} is not a finite number");
            }

            if (!double.IsFinite(keys[i].Value))
            {
                return Invariant($"key {i}: value {keys[i].Value} is not a finite number");
            }

            if (!Enum.IsDefined(keys[i].Interpolation))
            {
                return $"key {i}: unknown interpolation {keys[i].Interpolation}";
            }

            if (i > 0 && keys[i].Frame <= keys[i - 1].Frame)
            {
                return Invariant($"key {i}: frame {keys[i].Frame} does not come after key {i - 1}'s frame {keys[i - 1].Frame}; frames must be strictly increasing");
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static bool ReadKey(JsonElement item, int index, out CurveKey? key, out string? problem)
    {
        key = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"key {index}: must be an object {{frame, value, interpolation}}";
            return false;
        }

        double? frame = null;
        double? value = null;
        var interpolation = CurveInterpolation.Linear;
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
                case "interpolation" when property.Value.ValueKind == JsonValueKind.String && property.Value.ValueEquals("constant"):
                    interpolation = CurveInterpolation.Constant;
                    break;
                case "interpolation" when property.Value.ValueKind == JsonValueKind.String && property.Value.ValueEquals("linear"):
                    interpolation = CurveInterpolation.Linear;
                    break;
                case "interpolation":
                    problem = $"key {index}: interpolation must be \"constant\" or \"linear\", not {property.Value.GetRawText()}";
                    return false;
                case "frame" or "value":
                    problem = $"key {index}: {property.Name} must be a finite number, not {property.Value.GetRawText()}";
                    return false;
                default:
                    problem = $"key {index}: unknown property '{property.Name}' (a key has frame, value and interpolation)";
                    return false;
            }
        }

        if (frame is null || value is null)
        {
            problem = $"key {index}: needs both frame and value";
            return false;
        }

        key = new CurveKey(frame.Value, value.Value, interpolation);
        problem = null;
        return true;
    }
}
