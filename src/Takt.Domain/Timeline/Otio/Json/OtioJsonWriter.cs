using System.Globalization;
using System.Text;

namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>
/// Writes JSON the way OTIO's json writer does: 4-space indentation, <c>"key": value</c>, empty containers as
/// <c>{}</c>/<c>[]</c>, doubles in shortest round-trip form with a <c>.0</c> on whole numbers, and NaN/Infinity
/// as bare tokens (rapidjson's kWriteNanAndInfFlag), which System.Text.Json's writer cannot produce. Output goes
/// straight to UTF-8 so a large timeline is not built as a string first.
/// </summary>
public static class OtioJsonWriter
{
    public static string Write(OtioJsonValue value) => Encoding.UTF8.GetString(WriteUtf8(value));

    public static byte[] WriteUtf8(OtioJsonValue value)
    {
        var buffer = new Utf8Buffer();
        WriteValue(ref buffer, value, 0);
        return buffer.ToArray();
    }

    private static void WriteValue(ref Utf8Buffer buffer, OtioJsonValue value, int indent)
    {
        switch (value.Kind)
        {
            case OtioJsonKind.Null:
                buffer.Append("null"u8);
                break;
            case OtioJsonKind.Boolean:
                buffer.Append(value.AsBoolean() ? "true"u8 : "false"u8);
                break;
            case OtioJsonKind.WholeNumber:
                buffer.AppendInteger(value.AsInteger());
                break;
            case OtioJsonKind.BigWholeNumber:
                buffer.AppendAscii(value.BigIntegerText);
                break;
            case OtioJsonKind.Number:
                AppendDouble(ref buffer, value.AsDouble());
                break;
            case OtioJsonKind.Text:
                AppendString(ref buffer, value.AsString());
                break;
            case OtioJsonKind.Array:
                WriteArray(ref buffer, value.Items, indent);
                break;
            default:
                WriteObject(ref buffer, value.Properties, indent);
                break;
        }
    }

    private static void WriteArray(ref Utf8Buffer buffer, IReadOnlyList<OtioJsonValue> items, int indent)
    {
        if (items.Count == 0)
        {
            buffer.Append("[]"u8);
            return;
        }

        buffer.Append((byte)'[');
        for (var i = 0; i < items.Count; i++)
        {
            buffer.Append(i == 0 ? "\n"u8 : ",\n"u8);
            buffer.AppendSpaces((indent + 1) * 4);
            WriteValue(ref buffer, items[i], indent + 1);
        }

        buffer.Append((byte)'\n');
        buffer.AppendSpaces(indent * 4);
        buffer.Append((byte)']');
    }

    private static void WriteObject(ref Utf8Buffer buffer, IReadOnlyList<KeyValuePair<string, OtioJsonValue>> members, int indent)
    {
        if (members.Count == 0)
        {
            buffer.Append("{}"u8);
            return;
        }

        buffer.Append((byte)'{');
        for (var i = 0; i < members.Count; i++)
        {
            buffer.Append(i == 0 ? "\n"u8 : ",\n"u8);
            buffer.AppendSpaces((indent + 1) * 4);
            AppendString(ref buffer, members[i].Key);
            buffer.Append(": "u8);
            WriteValue(ref buffer, members[i].Value, indent + 1);
        }

        buffer.Append((byte)'\n');
        buffer.AppendSpaces(indent * 4);
        buffer.Append((byte)'}');
    }

    /// <summary>Shortest text that parses back to the same double; whole numbers keep a ".0" like OTIO.</summary>
    private static void AppendDouble(ref Utf8Buffer buffer, double value)
    {
        if (double.IsNaN(value))
        {
            buffer.Append("NaN"u8);
            return;
        }

        if (double.IsInfinity(value))
        {
            buffer.Append(value > 0 ? "Infinity"u8 : "-Infinity"u8);
            return;
        }

        // Frame counts and rates are almost always whole: skip the general formatter for them.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15 && !(value == 0 && double.IsNegative(value)))
        {
            buffer.AppendInteger((long)value);
            buffer.Append(".0"u8);
            return;
        }

        var span = buffer.Reserve(32);
        value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        var text = span[..written];
        buffer.Advance(written);
        if (text.IndexOfAny((byte)'.', (byte)'E') < 0)
        {
            buffer.Append(".0"u8);
        }
    }

    private static void AppendString(ref Utf8Buffer buffer, string value)
    {
        buffer.Append((byte)'"');
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
            {
                continue;
            }

            buffer.AppendUtf16(value.AsSpan(runStart, i - runStart));
            runStart = i + 1;
            switch (c)
            {
                case '"': buffer.Append("\\\""u8); break;
                case '\\': buffer.Append("\\\\"u8); break;
                case '\n': buffer.Append("\\n"u8); break;
                case '\r': buffer.Append("\\r"u8); break;
                case '\t': buffer.Append("\\t"u8); break;
                case '\b': buffer.Append("\\b"u8); break;
                case '\f': buffer.Append("\\f"u8); break;
                default:
                    buffer.Append("\\u00"u8);
                    buffer.Append((byte)"0123456789abcdef"[c >> 4]);
                    buffer.Append((byte)"0123456789abcdef"[c & 0xF]);
                    break;
            }
        }

        buffer.AppendUtf16(value.AsSpan(runStart));
        buffer.Append((byte)'"');
    }
}
