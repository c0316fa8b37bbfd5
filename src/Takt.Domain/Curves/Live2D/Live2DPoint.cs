namespace Takt.Domain.Curves.Live2D;

/// <summary>A point of a motion3.json curve: time in seconds and value.</summary>
public readonly record struct Live2DPoint(double Time, double Value);
