using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Takt.Persistence;

/// <summary>
/// An instant as its UTC ticks: exact to 100 ns, and integer order is time order whatever the
/// offset it was written with. Values read back carry offset zero (the same instant).
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
