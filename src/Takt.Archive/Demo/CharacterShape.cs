namespace Takt.Archive.Demo;

/// <summary>
/// One filled region of a character in painting order. <paramref name="Fill"/> null means a
/// line with no area (a hair strand, the nose); <paramref name="Outline"/> false means a cel
/// shadow or pattern that the line-art layer leaves out.
/// </summary>
internal sealed record CharacterShape(string Part, string D, string? Fill, bool Outline = true, double Stroke = 6, string Extra = "");
