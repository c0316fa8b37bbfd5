using System.Globalization;
using System.Text.Json;

namespace Takt.Domain.Curves.Live2D;

/// <summary>
/// Reads and writes motion3.json. Reading checks the shape (segment types, point counts, finite
/// numbers) and that Meta's CurveCount, TotalSegmentCount and TotalPointCount match the curves;
/// writing computes them.
/// </summary>
public static class Live2DMotionJson
{
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, out Live2DMotion? motion, out string? problem)
    {
        motion = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, out motion, out problem);
        }
    }

    public static bool TryRead(JsonElement root, out Live2DMotion? motion, out string? problem)
    {
        motion = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            problem = "a motion3.json is an object with Version, Meta and Curves";
            return false;
        }

        if (!Number(root, "Version", out var version, out problem) || !Number(meta, "Meta.Duration", out var duration, out problem)
            || !Number(meta, "Meta.Fps", out var fps, out problem) || !Number(meta, "Meta.CurveCount", out var curveCount, out problem)
            || !Number(meta, "Meta.TotalSegmentCount", out var segmentCount, out problem) || !Number(meta, "Meta.TotalPointCount", out var pointCount, out problem))
        {
            return false;
        }

        if (!root.TryGetProperty("Curves", out var curvesJson) || curvesJson.ValueKind != JsonValueKind.Array)
        {
            problem = "Curves must be a list";
            return false;
        }

        var curves = new List<Live2DCurve>();
        foreach (var item in curvesJson.EnumerateArray())
        {
            if (!TryReadCurve(item, curves.Count, out var curve, out problem))
            {
                return false;
            }

            curves.Add(curve!);
        }

        var userData = new List<Live2DUserData>();
        if (root.TryGetProperty("UserData", out var userJson) && userJson.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in userJson.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !Number(item, "UserData.Time", out var time, out problem)
                    || !item.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String)
                {
                    problem ??= "UserData entries are {Time, Value}";
                    return false;
                }

                userData.Add(new Live2DUserData(time, value.GetString()!));
            }
        }

        motion = new Live2DMotion(duration, fps, curves)
        {
            Version = (int)version,
            Loop = Flag(meta, "Loop"),
            AreBeziersRestricted = Flag(meta, "AreBeziersRestricted"),
            FadeInTime = Optional(meta, "FadeInTime"),
            FadeOutTime = Optional(meta, "FadeOutTime"),
            UserData = userData,
        };
        problem = Mismatch("CurveCount", curveCount, curves.Count)
            ?? Mismatch("TotalSegmentCount", segmentCount, motion.TotalSegmentCount)
            ?? Mismatch("TotalPointCount", pointCount, motion.TotalPointCount);
        if (problem is not null)
        {
            motion = null;
            return false;
        }

        return true;
    }

    public static byte[] Write(Live2DMotion motion)
    {
        ArgumentNullException.ThrowIfNull(motion);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("Version", motion.Version);
            writer.WriteStartObject("Meta");
            writer.WriteNumber("Duration", motion.Duration);
            writer.WriteNumber("Fps", motion.Fps);
            writer.WriteBoolean("Loop", motion.Loop);
            writer.WriteBoolean("AreBeziersRestricted", motion.AreBeziersRestricted);
            WriteOptional(writer, "FadeInTime", motion.FadeInTime);
            WriteOptional(writer, "FadeOutTime", motion.FadeOutTime);
            writer.WriteNumber("CurveCount", motion.Curves.Count);
            writer.WriteNumber("TotalSegmentCount", motion.TotalSegmentCount);
            writer.WriteNumber("TotalPointCount", motion.TotalPointCount);
            writer.WriteNumber("UserDataCount", motion.UserData.Count);
            writer.WriteNumber("TotalUserDataSize", motion.TotalUserDataSize);
            writer.WriteEndObject();
            writer.WriteStartArray("Curves");
            foreach (var curve in motion.Curves)
            {
                writer.WriteStartObject();
                writer.WriteString("Target", curve.Target);
                writer.WriteString("Id", curve.Id);
                WriteOptional(writer, "FadeInTime", curve.FadeInTime);
                WriteOptional(writer, "FadeOutTime", curve.FadeOutTime);
                writer.WriteStartArray("Segments");
                writer.WriteNumberValue(curve.Start.Time);
                writer.WriteNumberValue(curve.Start.Value);
                foreach (var segment in curve.Segments)
                {
                    writer.WriteNumberValue((int)segment.Type);
                    foreach (var point in segment.Points)
                    {
                        writer.WriteNumberValue(point.Time);
                        writer.WriteNumberValue(point.Value);
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (motion.UserData.Count > 0)
            {
                writer.WriteStartArray("UserData");
                foreach (var item in motion.UserData)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("Time", item.Time);
                    writer.WriteString("Value", item.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryReadCurve(JsonElement item, int index, out Live2DCurve? curve, out string? problem)
    {
        curve = null;
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("Target", out var target) || target.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("Id", out var id) || id.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("Segments", out var segmentsJson) || segmentsJson.ValueKind != JsonValueKind.Array)
        {
            problem = $"Curves[{index}] must have Target, Id and a Segments list";
            return false;
        }

        var name = $"curve '{id.GetString()}'";
        var numbers = new List<double>();
        foreach (var n in segmentsJson.EnumerateArray())
        {
            if (n.ValueKind != JsonValueKind.Number || !n.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                problem = $"{name}: Segments[{numbers.Count}] is {n.GetRawText()}, not a finite number";
                return false;
            }

            numbers.Add(value);
        }

        if (numbers.Count < 2)
        {
            problem = $"{name}: Segments must start with a point (time, value)";
            return false;
        }

        var segments = new List<Live2DSegment>();
        var at = 2;
        while (at < numbers.Count)
        {
            var type = numbers[at];
            if (type is not (0 or 1 or 2 or 3))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{name}: Segments[{at}] is segment type {type}; types are 0 linear, 1 bezier, 2 stepped, 3 inverse stepped");
                return false;
            }

            var count = Live2DSegment.PointCount((Live2DSegmentType)type);
            if (at + 1 + (2 * count) > numbers.Count)
            {
                problem = $"{name}: the {(Live2DSegmentType)type} segment at Segments[{at}] needs {2 * count} numbers, and the list ends first";
                return false;
            }

            var points = new Live2DPoint[count];
            for (var p = 0; p < count; p++)
            {
                points[p] = new Live2DPoint(numbers[at + 1 + (2 * p)], numbers[at + 2 + (2 * p)]);
            }

            segments.Add(new Live2DSegment((Live2DSegmentType)type, points));
            at += 1 + (2 * count);
        }

        curve = new Live2DCurve(target.GetString()!, id.GetString()!, new Live2DPoint(numbers[0], numbers[1]), segments)
        {
            FadeInTime = Optional(item, "FadeInTime"),
            FadeOutTime = Optional(item, "FadeOutTime"),
        };
        problem = null;
        return true;
    }

    private static bool Number(JsonElement json, string path, out double value, out string? problem)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        value = 0;
        if (!json.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.Number || !property.TryGetDouble(out value) || !double.IsFinite(value))
        {
            problem = $"{path} must be a finite number";
            return false;
        }

        problem = null;
        return true;
    }

    private static double? Optional(JsonElement json, string name) =>
        json.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var v) ? v : null;

    private static bool Flag(JsonElement json, string name) =>
        json.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static string? Mismatch(string name, double stated, int actual) =>
        stated == actual ? null : string.Create(CultureInfo.InvariantCulture, $"Meta.{name} says {stated} but the curves have {actual}");
}
