namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>
/// Malformed OTIO input: broken JSON (with the 1-based line and column of the problem) or a known schema
/// whose fields have the wrong shape.
/// </summary>
public sealed class OtioFormatException : FormatException
{
    public OtioFormatException(string message, int line, int column)
        : base(line > 0 ? $"{message} (line {line}, column {column})" : message)
    {
        Line = line;
        Column = column;
    }

    public OtioFormatException(string message)
        : this(message, 0, 0)
    {
    }

    public OtioFormatException()
        : this("malformed OTIO")
    {
    }

    public OtioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of a syntax error; 0 when the error is not about one position.</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 code units) of a syntax error; 0 when not positional.</summary>
    public int Column { get; }
}
