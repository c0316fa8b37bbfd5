using System.Globalization;

namespace Takt.Domain.Timeline.Otio.Json;

public sealed partial class OtioJsonReader
{
    private string ReadString()
    {
        var start = ++position;
        // Fast path: no escapes.
        while (position < source.Length)
        {
            var c = source[position];
            if (c == '"')
            {
                position++;
                return Share(source.AsSpan(start, position - start - 1));
            }

            if (c == '\\')
            {
                break;
            }

            if (c < ' ')
            {
                throw Error("control character in a string");
            }

            position++;
        }

        scratch.Clear();
        scratch.Append(source, start, position - start);
        while (position < source.Length)
        {
            var c = source[position];
            if (c == '"')
            {
                position++;
                return scratch.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                scratch.Append(c);
                position++;
                continue;
            }

            position++;
            var escape = Peek();
            position++;
            switch (escape)
            {
                case '"': scratch.Append('"'); break;
                case '\\': scratch.Append('\\'); break;
                case '/': scratch.Append('/'); break;
                case 'b': scratch.Append('\b'); break;
                case 'f': scratch.Append('\f'); break;
                case 'n': scratch.Append('\n'); break;
                case 'r': scratch.Append('\r'); break;
                case 't': scratch.Append('\t'); break;
                case 'u': scratch.Append(ReadHex4()); break;
                default:
                    position--;
                    throw Error("invalid escape in a string");
            }
        }

        throw Error("unterminated string");
    }

    private string Share(ReadOnlySpan<char> text)
    {
        if (text.Length > 32)
        {
            return text.ToString();
        }

        if (shortStringLookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var created = text.ToString();
        if (shortStrings.Count < 4096)
        {
            shortStrings[created] = created;
        }

        return created;
    }

    private char ReadHex4()
    {
        if (position + 4 > source.Length
            || !ushort.TryParse(source.AsSpan(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error("invalid \\u escape");
        }

        position += 4;
        return (char)code;
    }
}
