namespace Takt.Domain.Timeline.Otio.Json;

/// <summary>The kind of a JSON value in an OTIO document.</summary>
public enum OtioJsonKind
{
    Null,
    Boolean,
    /// <summary>An integer that fits in int64 (OTIO's int).</summary>
    WholeNumber,
    /// <summary>An integer beyond int64, kept as its exact decimal text so it round-trips.</summary>
    BigWholeNumber,
    /// <summary>A double, including the bare NaN/Inf tokens OTIO allows.</summary>
    Number,
    Text,
    Array,
    Map,
}
