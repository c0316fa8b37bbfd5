using System.Globalization;
using System.Text;

namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>
/// OTIO's dialect of JSON: standard JSON plus the bare tokens <c>NaN</c>, <c>Inf</c>, <c>Infinity</c>,
/// <c>-Inf</c>, <c>-Infinity</c> (rapidjson's kParseNanAndInfFlag), and integers of any size (kept exactly).
/// System.Text.Json rejects the bare tokens, hence a reader of our own. Every syntax error names its line and
/// column; nesting deeper than <see cref="MaxDepth"/> is rejected so hostile input cannot exhaust the stack.
/// </summary>
public sealed partial class OtioJsonReader
{
    public const int MaxDepth = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string source;
    private readonly StringBuilder scratch = new();

    // Keys and short values ("OTIO_SCHEMA", "RationalTime.1", "DEFAULT_MEDIA") repeat thousands of times in a
    // timeline; sharing one string per distinct text saves most of the parser's allocations.
    private readonly Dictionary<string, string> shortStrings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> shortStringLookup;
    private int position;

    private OtioJsonReader(string source)
    {
        this.source = source;
        shortStringLookup = shortStrings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parses UTF-8 bytes (a leading byte-order mark is skipped).</summary>
    public static OtioJsonValue Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new OtioFormatException($"input is not valid UTF-8 at byte {e.Index}", e);
        }

        return Parse(text);
    }

    public static OtioJsonValue Parse(string text)
    {
        var reader = new OtioJsonReader(text);
        if (text.StartsWith('\uFEFF'))
        {
            reader.position = 1;
        }

        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader.position < text.Length)
        {
            throw reader.Error("unexpected content after the top-level value");
        }

        return value;
    }

    private OtioJsonValue ReadValue(int depth)
    {
        if (position >= source.Length)
        {
            throw Error("unexpected end of input, expected a value");
        }

        var c = source[position];
        switch (c)
        {
            case '{':
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
            case '"':
                return OtioJsonValue.FromString(ReadString());
            case 't':
                ExpectWord("true");
                return OtioJsonValue.True;
            case 'f':
                ExpectWord("false");
                return OtioJsonValue.False;
            case 'n':
                ExpectWord("null");
                return OtioJsonValue.Null;
            case 'N':
                ExpectWord("NaN");
                return OtioJsonValue.FromNumber(double.NaN);
            case 'I':
                return OtioJsonValue.FromNumber(ReadInfinity());
            case '-' when position + 1 < source.Length && source[position + 1] == 'I':
                position++;
                return OtioJsonValue.FromNumber(-ReadInfinity());
            default:
                if (c == '-' || char.IsAsciiDigit(c))
                {
                    return ReadNumber();
                }

                throw Error($"unexpected character '{Printable(c)}'");
        }
    }

    private OtioJsonValue ReadObject(int depth)
    {
        CheckDepth(depth);
        position++;
        var members = new List<KeyValuePair<string, OtioJsonValue>>(8);
        SkipWhitespace();
        if (Peek() == '}')
        {
            position++;
            return OtioJsonValue.FromObject(members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a string key");
            }

            var key = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("expected ':' after an object key");
            }

            position++;
            SkipWhitespace();
            members.Add(new(key, ReadValue(depth)));
            SkipWhitespace();
            var next = Peek();
            position++;
            if (next == '}')
            {
                return OtioJsonValue.FromObject(members);
            }

            if (next != ',')
            {
                position--;
                throw Error("expected ',' or '}' in an object");
            }
        }
    }

    private OtioJsonValue ReadArray(int depth)
    {
        CheckDepth(depth);
        position++;
        var items = new List<OtioJsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            position++;
            return OtioJsonValue.FromArray(items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth));
            SkipWhitespace();
            var next = Peek();
            position++;
            if (next == ']')
            {
                return OtioJsonValue.FromArray(items);
            }

            if (next != ',')
            {
                position--;
                throw Error("expected ',' or ']' in an array");
            }
        }
    }

    private OtioJsonValue ReadNumber()
    {
        var start = position;
        if (source[position] == '-')
        {
            position++;
        }

        var digitsStart = position;
        SkipDigits();
        if (position == digitsStart)
        {
            throw Error("expected a digit");
        }

        if (source[digitsStart] == '0' && position - digitsStart > 1)
        {
            throw ErrorAt(digitsStart, "leading zero in a number");
        }

        var isInteger = true;
        if (Peek() == '.')
        {
            isInteger = false;
            position++;
            var fractionStart = position;
            SkipDigits();
            if (position == fractionStart)
            {
                throw Error("expected a digit after '.'");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            isInteger = false;
            position++;
            if (Peek() is '+' or '-')
            {
                position++;
            }

            var exponentStart = position;
            SkipDigits();
            if (position == exponentStart)
            {
                throw Error("expected a digit in the exponent");
            }
        }

        var span = source.AsSpan(start, position - start);
        if (isInteger)
        {
            return long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? OtioJsonValue.FromInteger(whole)
                : OtioJsonValue.FromBigInteger(span.ToString());
        }

        return OtioJsonValue.FromNumber(double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private double ReadInfinity()
    {
        if (string.CompareOrdinal(source, position, "Infinity", 0, 8) == 0)
        {
            position += 8;
        }
        else
        {
            ExpectWord("Inf");
        }

        return double.PositiveInfinity;
    }

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(source, position, word, 0, word.Length) != 0)
        {
            throw Error($"invalid literal, expected '{word}'");
        }

        position += word.Length;
        if (position < source.Length && char.IsAsciiLetterOrDigit(source[position]))
        {
            throw Error($"invalid literal after '{word}'");
        }
    }

    private void SkipDigits()
    {
        while (position < source.Length && char.IsAsciiDigit(source[position]))
        {
            position++;
        }
    }

    private void SkipWhitespace()
    {
        while (position < source.Length && source[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private char Peek() => position < source.Length ? source[position] : '\0';

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels");
        }
    }

    private OtioFormatException Error(string message) => ErrorAt(Math.Min(position, source.Length), message);

    // Line and column are computed only when an error happens, so the hot path tracks nothing but an index.
    private OtioFormatException ErrorAt(int index, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        if (index >= source.Length && !message.StartsWith("unexpected end", StringComparison.Ordinal) && !message.StartsWith("unterminated", StringComparison.Ordinal))
        {
            message = "unexpected end of input: " + message;
        }

        return new OtioFormatException(message, line, index - lineStart + 1);
    }

    private static string Printable(char c) => c < ' ' ? $"\\u{(int)c:x4}" : c.ToString();
}
