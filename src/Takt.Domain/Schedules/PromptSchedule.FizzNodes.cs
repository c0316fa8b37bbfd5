using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Takt.Domain.Schedules;

public sealed partial class PromptSchedule
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads FizzNodes' prompt text (<c>"0": "a cat", "30": "a dog"</c>) as FizzNodes does: line
    /// breaks removed, wrapped in braces, a trailing comma dropped, read as a JSON object. Frames
    /// are whole numbers or expressions of <c>max_f</c> (= maxFrames − 1). Errors point at the
    /// character of <paramref name="text"/>.
    /// </summary>
    public static bool TryParseFizzNodes(string text, int maxFrames, PromptBlend mode, out PromptSchedule? schedule, out ScheduleError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Where each character of the wrapped JSON came from in the user's text (line breaks removed).
        var origin = new List<int>(text.Length + 2) { 0 };
        var json = new StringBuilder("{", text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r'))
            {
                json.Append(text[i]);
                origin.Add(i);
            }
        }

        // FizzNodes drops a comma before the closing brace; only the final one is meant.
        var end = json.Length;
        while (end > 1 && char.IsWhiteSpace(json[end - 1]))
        {
            end--;
        }

        if (end > 1 && json[end - 1] == ',')
        {
            json[end - 1] = ' ';
        }

        json.Append('}');
        origin.Add(text.Length);
        var wrapped = json.ToString();
        return TryReadMap(Encoding.UTF8.GetBytes(wrapped), maxFrames, mode, charIndex => origin[Math.Clamp(charIndex, 0, origin.Count - 1)], out schedule, out error);
    }

    /// <summary>Reads a prompt-travel / Deforum prompt map: a UTF-8 JSON object <c>{"0": "a cat", "30": "a dog"}</c>.</summary>
    public static bool TryParsePromptMap(ReadOnlySpan<byte> utf8Json, int maxFrames, PromptBlend mode, out PromptSchedule? schedule, out ScheduleError? error)
    {
        var bytes = utf8Json.ToArray();
        return TryReadMap(bytes, maxFrames, mode, i => i, out schedule, out error);
    }

    /// <summary>FizzNodes' text: one <c>"frame": "prompt"</c> a line, comma separated.</summary>
    public string ToFizzNodesText() =>
        string.Join(",\n", Keys.Select(k => $"\"{k.Frame.ToString(CultureInfo.InvariantCulture)}\": {JsonSerializer.Serialize(k.Text, Relaxed)}"));

    /// <summary>The prompt map as a UTF-8 JSON object in frame order.</summary>
    public byte[] ToPromptMap()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var key in Keys)
            {
                writer.WriteString(key.Frame.ToString(CultureInfo.InvariantCulture), key.Text);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryReadMap(byte[] utf8, int maxFrames, PromptBlend mode, Func<int, int> origin, out PromptSchedule? schedule, out ScheduleError? error)
    {
        schedule = null;
        var keys = new List<PromptKey>();
        var seen = new HashSet<int>();
        int Offset(long bytePosition) => origin(Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytePosition, utf8.Length)));
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new ScheduleError("a prompt map is an object of \"frame\": \"prompt\"", Offset(reader.TokenStartIndex));
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var keyOffset = Offset(reader.TokenStartIndex + 1);
                var frameText = reader.GetString()!;
                if (!TryFrame(frameText, keyOffset, maxFrames, out var frame, out error))
                {
                    return false;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = new ScheduleError($"the prompt of frame {frameText} must be a string, not {reader.TokenType}", Offset(reader.TokenStartIndex));
                    return false;
                }

                if (!seen.Add(frame))
                {
                    error = new ScheduleError($"frame {frame} has two prompts", keyOffset);
                    return false;
                }

                keys.Add(new PromptKey(frame, reader.GetString()!));
            }

            // Anything after the object (the reader refuses it) or an unclosed object ends here.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            error = new ScheduleError($"not a valid prompt map: {e.Message.Split(" Path:", 2)[0]}", Offset(e.BytePositionInLine ?? 0));
            return false;
        }

        if (!TryCreate(keys, mode, out schedule, out var problem))
        {
            error = new ScheduleError(problem!, 0);
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryFrame(string text, int offset, int maxFrames, out int frame, out ScheduleError? error)
    {
        frame = 0;
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out frame))
        {
            error = null;
            return true;
        }

        if (!ScheduleExpression.TryParse(text, out var expression, out error, offset))
        {
            error = error! with { Message = $"frame: {error.Message}" };
            return false;
        }

        var value = expression!.Evaluate(new ScheduleVariables(0, maxFrames - 1, 0));
        if (!(value >= 0 && value < int.MaxValue))
        {
            error = new ScheduleError(string.Create(CultureInfo.InvariantCulture, $"frame '{text}' is {value}; frames are whole numbers from 0"), offset);
            return false;
        }

        frame = (int)value;
        return true;
    }
}
