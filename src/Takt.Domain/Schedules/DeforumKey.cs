namespace Takt.Domain.Schedules;

/// <summary>
/// One <c>frame: (value)</c> of a Deforum schedule. A plain number (<see cref="IsNumber"/>) is
/// interpolated linearly toward the next defined frame; anything else is an expression evaluated at
/// every frame from its key until the next key (Deforum's <c>get_inbetweens</c>).
/// </summary>
public sealed record DeforumKey(int Frame, ScheduleExpression Value, bool IsNumber, int Offset);
