using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Takt.Persistence;

/// <summary>Writes every instant with offset zero: the same instant, in the only form timestamptz accepts.</summary>
public sealed class UtcOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
