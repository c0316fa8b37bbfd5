namespace Takt.Domain.Curves.Live2D;

/// <summary>A user data event of a motion, kept so a read motion writes back whole.</summary>
public sealed record Live2DUserData(double Time, string Value);
