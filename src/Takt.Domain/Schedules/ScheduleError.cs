namespace Takt.Domain.Schedules;

/// <summary>What is wrong with a schedule string or expression, and the character offset (0-based) it points at.</summary>
public sealed record ScheduleError(string Message, int Offset)
{
    public override string ToString() => $"{Message} (at character {Offset})";
}
