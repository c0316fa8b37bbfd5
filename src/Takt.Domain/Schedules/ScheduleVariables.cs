namespace Takt.Domain.Schedules;

/// <summary>The variables an expression may read: <c>t</c> (the frame), <c>max_f</c> (the last frame) and <c>s</c> (the seed), as in Deforum.</summary>
public readonly record struct ScheduleVariables(double T, double MaxF, double Seed);
