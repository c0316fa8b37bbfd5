using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Takt.Persistence;

/// <summary>An instant as its UTC ticks: full 100 ns precision, and integer order is time order.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
